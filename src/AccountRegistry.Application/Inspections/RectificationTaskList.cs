using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 整改任务: the tasks the user may see (a clerk's subtree, a reviewer's district), filtered by state or overdue and
/// paged in SQL, the most urgent first.
/// </summary>
public static class RectificationTaskList
{
    public sealed record Filter(RectificationState? State = null, bool OverdueOnly = false, long? RoundId = null);

    public sealed record Row(
        long Id, long RoundId, string RoundTitle, int AccountId, Platform Platform, string AccountName, string UnitName,
        IReadOnlyList<string> Problems, DateOnly DueOn, RectificationState State, bool Overdue);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<PagedResult<Row>> HandleAsync(Filter filter, int page, int pageSize, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(filter);
            pageSize = Math.Clamp(pageSize, 1, 200);
            page = Math.Max(1, page);
            var today = ShanghaiCalendar.DayOf(clock.GetUtcNow());
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var tasks = Rectifications.VisibleTo(db, scope).AsNoTracking();
            if (filter.State is { } state)
            {
                tasks = tasks.Where(t => t.State == state);
            }

            if (filter.OverdueOnly)
            {
                tasks = tasks.Where(t => t.State != RectificationState.Accepted && t.DueOn < today);
            }

            if (filter.RoundId is { } roundId)
            {
                tasks = tasks.Where(t => t.RoundId == roundId);
            }

            var total = await tasks.CountAsync(cancellationToken);
            var rows = await tasks
                .OrderBy(t => t.State == RectificationState.Accepted).ThenBy(t => t.DueOn).ThenBy(t => t.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(t => new
                {
                    t.Id,
                    t.RoundId,
                    RoundTitle = db.InspectionRounds.Where(r => r.Id == t.RoundId).Select(r => r.Title).First(),
                    t.AccountId,
                    Account = db.Accounts.Where(a => a.Id == t.AccountId).Select(a => new { a.Platform, a.Name }).First(),
                    UnitName = db.Units.Where(u => u.Id == t.UnitId).Select(u => u.Name).First(),
                    t.Problems,
                    t.DueOn,
                    t.State,
                })
                .ToListAsync(cancellationToken);
            return new PagedResult<Row>(
                [.. rows.Select(r => new Row(r.Id, r.RoundId, r.RoundTitle, r.AccountId, r.Account.Platform, r.Account.Name, r.UnitName, r.Problems, r.DueOn, r.State,
                    r.State != RectificationState.Accepted && r.DueOn < today))],
                total, page, pageSize);
        }
    }
}
