using System.Globalization;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;

namespace AccountRegistry.Cli.Commands;

/// <summary>`registry inspect --as-of YYYY-MM-DD [--json]`: the indicators of spec/inspection.md as of the day, stored, optionally printed.</summary>
internal sealed class InspectCommand : ICommand
{
    /// <summary>
    /// The days --as-of may name. P, the rules' window and the reply deadlines reach years to either side of T, and
    /// DateOnly ends at 0001-01-01 and 9999-12-31: a T near either end would overflow them and crash, not inspect.
    /// </summary>
    private static readonly DateOnly Earliest = new(1000, 1, 1), Latest = new(8999, 12, 31);

    public string Name => "inspect";

    public string Usage => "inspect [--as-of YYYY-MM-DD] [--json]";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly(["--json"], ["--as-of"]);
        if (context.Positionals("--as-of").Count > 0)
        {
            throw new UsageException($"inspect takes no arguments, got '{context.Positionals("--as-of")[0]}'.");
        }

        var value = context.Option("--as-of");
        DateOnly asOf;
        if (value is null)
        {
            asOf = ShanghaiCalendar.Today(context.Get<TimeProvider>());
        }
        else if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
        {
            throw new UsageException($"--as-of must be a calendar day as YYYY-MM-DD, got '{value}'.");
        }
        else if (asOf < Earliest || asOf > Latest)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--as-of must be a day from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}, got '{value}'."));
        }

        var result = await context.Get<RunInspection.Handler>().HandleAsync(new RunInspection.Command(asOf, Inspection.CommandLine), cancellationToken);
        if (context.HasFlag("--json"))
        {
            await context.Get<InspectionOutput.Handler>().WriteJsonAsync(result.InspectionId, context.Output, cancellationToken);
            return ExitCodes.Success;
        }

        var culture = CultureInfo.InvariantCulture;
        await context.Output.WriteLineAsync(string.Create(culture,
            $"Inspection {result.InspectionId} as of {asOf:yyyy-MM-dd}: {result.AccountCount:N0} accounts in {result.Duration.TotalSeconds:0.0} s"));
        await context.Output.WriteLineAsync(string.Create(culture,
            $"  fail {result.Failed:N0}, pass {result.Passed:N0}, excellent {result.Excellent:N0}"));
        foreach (var (code, count) in result.ByCode.OrderBy(c => c.Key.ToCode(), StringComparer.Ordinal))
        {
            await context.Output.WriteLineAsync(string.Create(culture, $"  {code.ToCode(),-20} {count,8:N0}"));
        }

        return ExitCodes.Success;
    }
}
