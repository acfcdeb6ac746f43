using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Content;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Content;

/// <summary>
/// Content findings per check and status in the user's scope: one GROUP BY, for the dashboard's tiles and the
/// findings page's chips.
/// </summary>
public static class ContentFindingCounts
{
    public sealed record Line(ContentCheck Check, int Open, int Confirmed, int FalseAlarm);

    public sealed record Counts(IReadOnlyList<Line> Lines)
    {
        public int Open => Lines.Sum(l => l.Open);

        public int Confirmed => Lines.Sum(l => l.Confirmed);

        public Line Of(ContentCheck check) => Lines.FirstOrDefault(l => l.Check == check) ?? new Line(check, 0, 0, 0);
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        /// <summary>Every check appears, with zeros where nothing was found.</summary>
        public async Task<Counts> CountAsync(UserScope scope, CancellationToken cancellationToken = default)
        {
            ContentFindingList.EnsureMayRead(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var accounts = db.Accounts.AsNoTracking().VisibleTo(scope);
            var grouped = await db.ContentFindings.AsNoTracking()
                .Where(f => accounts.Any(a => a.Id == f.AccountId))
                .GroupBy(f => new { f.Check, f.Status })
                .Select(g => new { g.Key.Check, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken);
            return new Counts([.. Enum.GetValues<ContentCheck>().Select(check => new Line(
                check,
                grouped.Where(g => g.Check == check && g.Status == ContentFindingStatus.Open).Sum(g => g.Count),
                grouped.Where(g => g.Check == check && g.Status == ContentFindingStatus.Confirmed).Sum(g => g.Count),
                grouped.Where(g => g.Check == check && g.Status == ContentFindingStatus.FalseAlarm).Sum(g => g.Count)))]);
        }
    }
}
