using System.Globalization;
using AccountRegistry.Domain.Common;

namespace AccountRegistry.Cli.Commands;

/// <summary>The `--as-of YYYY-MM-DD` of `evaluate` and `inspect`: one reading, one range, one message.</summary>
internal static class AsOfOption
{
    /// <summary>
    /// The days --as-of may name. The rules' window (up to 3,650 days), the inspection's period and the reply deadlines
    /// reach years to either side of T, and DateOnly ends at 0001-01-01 and 9999-12-31: a T near either end would
    /// overflow them and abort instead of answering.
    /// </summary>
    public static readonly DateOnly Earliest = new(1000, 1, 1), Latest = new(8999, 12, 31);

    /// <summary>The option's day, or today in Asia/Shanghai without it; anything else is a usage error (exit 2).</summary>
    public static DateOnly DayOrToday(CommandContext context)
    {
        var value = context.Option("--as-of");
        if (value is null)
        {
            return ShanghaiCalendar.Today(context.Get<TimeProvider>());
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new UsageException($"--as-of must be a calendar day as YYYY-MM-DD, got '{value}'.");
        }

        return day >= Earliest && day <= Latest
            ? day
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--as-of must be a day from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}, got '{value}'."));
    }
}
