using System.Text.Json;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 账号详情's inspection panel: the account's interaction record over the last inspection period (messages, those
/// needing a reply, unanswered, overdue, median reply time in working days) and its latest inspection's verdict with
/// the evidence of each code (which post, which message).
/// </summary>
public static class AccountInspection
{
    /// <summary>Messages read for the record: one account's period, bounded so a flood cannot load without limit.</summary>
    private const int MaxMessages = 5_000;

    public sealed record InteractionRecord(int Messages, int NeedingReply, int Unanswered, int Overdue, decimal? MedianReplyWorkingDays, int OlderUnanswered);

    public sealed record Finding(string Code, int? Points, IReadOnlyList<string> MessageIds, IReadOnlyList<string> PostIds, string? Detail);

    public sealed record LatestInspection(long InspectionId, DateOnly AsOf, InspectionResultKind Result, int Score, IReadOnlyList<Finding> Findings, IReadOnlyList<string> Warnings);

    public sealed record View(InteractionRecord Interactions, LatestInspection? Latest);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, ClosureDeadlines deadlines, TimeProvider clock)
    {
        public async Task<View> GetAsync(int accountId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Accounts.VisibleTo(scope).AnyAsync(a => a.Id == accountId, cancellationToken))
            {
                throw new NotFoundOrForbiddenException($"Account {accountId} was not found.");
            }

            var today = ShanghaiCalendar.Today(clock);
            var periodStart = ShanghaiCalendar.StartOf(today.AddDays(-(InspectionSettings.Defaults.PeriodDays - 1)));
            var messages = await db.Interactions.AsNoTracking()
                .Where(i => i.AccountId == accountId && i.ReceivedAt >= periodStart)
                .OrderByDescending(i => i.ReceivedAt)
                .Take(MaxMessages)
                .Select(i => new { i.ReceivedAt, i.RepliedAt, i.NeedsReply })
                .ToListAsync(cancellationToken);
            var olderUnanswered = await db.Interactions.CountAsync(
                i => i.AccountId == accountId && i.ReceivedAt < periodStart && i.NeedsReply && i.RepliedAt == null, cancellationToken);

            var calendar = deadlines.Calendar;
            var needing = messages.Where(m => m.NeedsReply).ToList();
            var replyDays = needing.Where(m => m.RepliedAt is not null)
                .Select(m => WorkingDaysBetween(calendar, ShanghaiCalendar.DayOf(m.ReceivedAt), ShanghaiCalendar.DayOf(m.RepliedAt!.Value)))
                .Order()
                .ToList();
            var overdue = needing.Count(m => m.RepliedAt is null
                && calendar.AddWorkingDays(ShanghaiCalendar.DayOf(m.ReceivedAt), InspectionSettings.Defaults.ReplyWorkingDays) < today);
            var record = new InteractionRecord(
                messages.Count,
                needing.Count,
                needing.Count(m => m.RepliedAt is null),
                overdue,
                Median(replyDays),
                olderUnanswered);

            var latest = await (from r in db.InspectionResults.AsNoTracking()
                                join i in db.Inspections on r.InspectionId equals i.Id
                                where r.AccountId == accountId
                                orderby i.AsOf descending, i.Id descending
                                select new { i.Id, i.AsOf, r.Result, r.Score, r.Evidence })
                .FirstOrDefaultAsync(cancellationToken);
            if (latest is null)
            {
                return new View(record, null);
            }

            var warnings = await db.InspectionWarnings.AsNoTracking()
                .Where(w => w.InspectionId == latest.Id && w.AccountId == accountId)
                .OrderBy(w => w.Code)
                .Select(w => w.Code)
                .ToListAsync(cancellationToken);
            return new View(record, new LatestInspection(
                latest.Id, latest.AsOf, InspectionCodes.ParseResult(latest.Result), latest.Score, ReadFindings(latest.Evidence), warnings));
        }

        /// <summary>Working days after the day received up to and including the day answered (0 when answered the same day).</summary>
        private static int WorkingDaysBetween(WorkingCalendar calendar, DateOnly received, DateOnly replied)
        {
            var days = 0;
            for (var day = received.AddDays(1); day <= replied; day = day.AddDays(1))
            {
                if (calendar.IsWorkingDay(day))
                {
                    days++;
                }
            }

            return days;
        }

        private static decimal? Median(List<int> sorted) => sorted.Count == 0
            ? null
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2m;

        private static List<Finding> ReadFindings(string evidence)
        {
            using var document = JsonDocument.Parse(evidence);
            var findings = new List<Finding>();
            foreach (var code in document.RootElement.EnumerateObject())
            {
                var value = code.Value;
                int? points = value.TryGetProperty("points", out var p) ? p.GetInt32() : null;
                var detail = value.TryGetProperty("last_post_day", out var last) ? last.GetString()
                    : value.TryGetProperty("opened_on", out var opened) ? opened.GetString()
                    : null;
                findings.Add(new Finding(code.Name, points, Strings(value, "message_ids"), Strings(value, "post_ids"), detail));
            }

            return findings;
        }

        private static List<string> Strings(JsonElement value, string name) =>
            value.TryGetProperty(name, out var array) ? [.. array.EnumerateArray().Select(e => e.GetString() ?? string.Empty)] : [];
    }
}
