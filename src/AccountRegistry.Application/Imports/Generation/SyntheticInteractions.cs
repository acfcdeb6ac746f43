using System.Globalization;
using AccountRegistry.Domain.Common;

namespace AccountRegistry.Application.Imports.Generation;

/// <summary>
/// The inspection part of `registry generate` (spec/inspection.md): accounts.csv's interactive and filing_no, and
/// interactions.csv with messages answered quickly, slowly, never, after the check point, and ones that need no
/// reply, so that every indicator fires somewhere in a generated set. Its own random streams (per account), so the
/// posts and reads of a seed stay what they were before these files existed.
/// </summary>
internal static class SyntheticInteractions
{
    /// <summary>The public's way in is missing on about one account in thirty.</summary>
    public static bool Interactive(long seed, int accountIndex) => !DeterministicRandom.For(seed, 11, (ulong)accountIndex).Chance(1.0 / 30);

    /// <summary>About one account in eight was never filed with the provincial system.</summary>
    public static string? FilingNo(long seed, int accountIndex, string countyCode) =>
        DeterministicRandom.For(seed, 12, (ulong)accountIndex).Chance(1.0 / 8)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{countyCode}-{accountIndex + 1:000000}");

    /// <summary>Writes interactions.csv for the live, interactive accounts; returns the number of rows.</summary>
    public static long Write(string path, long seed, DateOnly until, IEnumerable<(int Index, string Platform, string AccountId, bool Live, int PostsPerMonth)> accounts)
    {
        using var output = new CsvOutput(path, ImportKind.Interactions.Columns());
        var end = ShanghaiCalendar.StartOf(until).AddHours(22);
        foreach (var (index, platform, accountId, live, postsPerMonth) in accounts)
        {
            if (!live || !Interactive(seed, index))
            {
                continue;
            }

            var random = DeterministicRandom.For(seed, 13, (ulong)index);

            // Busier accounts hear more from the public; a few months of messages up to the data set's last day.
            var messages = random.Between(0, 2 + Math.Min(postsPerMonth, 30) / 3);
            var habit = random.NextDouble(); // how this account answers: most promptly, some slowly, a few never
            for (var m = 0; m < messages; m++)
            {
                var received = end.AddMinutes(-random.Between(0, 150 * 24 * 60));
                var needsReply = !random.Chance(0.2);
                DateTimeOffset? replied = null;
                var roll = random.NextDouble();
                if (habit < 0.7 ? roll < 0.95 : habit < 0.92 ? roll < 0.7 : roll < 0.2)
                {
                    var hours = habit < 0.7 ? random.Exponential(20) : random.Exponential(24 * 9);
                    replied = received.AddHours(hours);
                }

                // The data set describes the world up to its last day: a reply that would come later is not there yet
                // (an import refuses times after its clock). Replies after an earlier check point still occur.
                if (replied > end)
                {
                    replied = null;
                }

                output.Field(platform);
                output.Field(accountId);
                output.Field(string.Create(CultureInfo.InvariantCulture, $"{accountId}-m{m + 1}"));
                output.Field(random.Chance(0.6) ? "comment" : "message");
                output.Field(received);
                if (replied is { } at)
                {
                    output.Field(at);
                }
                else
                {
                    output.Field((string?)null);
                }

                output.Field(needsReply);
                output.EndRow();
            }
        }

        return output.Rows;
    }
}
