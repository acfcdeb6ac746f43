using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// For leadership: open (not yet accepted) and overdue rectifications per unit, counted in SQL over the user's scope
/// (leaders see their subtree like everyone else).
/// </summary>
public static class RectificationCounts
{
    public sealed record UnitRow(int UnitId, string UnitName, int Open, int Overdue);

    public sealed record Summary(int Open, int Overdue, IReadOnlyList<UnitRow> ByUnit);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Summary> HandleAsync(UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            var today = ShanghaiCalendar.DayOf(clock.GetUtcNow());
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var units = db.Units.VisibleTo(scope).Select(u => u.Id);
            var open = db.RectificationTasks.AsNoTracking().Where(t => units.Contains(t.UnitId) && t.State != RectificationState.Accepted);
            var rows = await open
                .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t.UnitId, u.Name, t.DueOn })
                .GroupBy(t => new { t.UnitId, t.Name })
                .Select(g => new { g.Key.UnitId, g.Key.Name, Open = g.Count(), Overdue = g.Count(t => t.DueOn < today) })
                .OrderByDescending(r => r.Overdue).ThenByDescending(r => r.Open).ThenBy(r => r.UnitId)
                .Take(50)
                .ToListAsync(cancellationToken);
            var totalOpen = await open.CountAsync(cancellationToken);
            var totalOverdue = await open.CountAsync(t => t.DueOn < today, cancellationToken);
            return new Summary(totalOpen, totalOverdue, [.. rows.Select(r => new UnitRow(r.UnitId, r.Name, r.Open, r.Overdue))]);
        }
    }
}
