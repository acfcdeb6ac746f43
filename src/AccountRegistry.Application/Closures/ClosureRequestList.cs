using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// 关停申请列表 and the reviewer's 待办 inbox: the requests the user may see, filtered, sorted and paged in SQL,
/// with the next step, its due day and an overdue mark.
/// </summary>
public static class ClosureRequestList
{
    public enum View
    {
        /// <summary>Every request in the user's scope (by default only those still open).</summary>
        All,

        /// <summary>The reviewer's work: submitted requests to decide and deregistered ones to confirm.</summary>
        Inbox,
    }

    public enum SortColumn
    {
        DueOn,
        StateChangedAt,
        CreatedAt,
    }

    public sealed record Query
    {
        public View View { get; init; } = View.All;

        public ClosureState? State { get; init; }

        public ClosureKind? Kind { get; init; }

        public bool OverdueOnly { get; init; }

        /// <summary>Completed and withdrawn requests too (the default list shows work still to do).</summary>
        public bool IncludeFinished { get; init; }

        /// <summary>Matches the account's or the proposed name, or the unit's, case-insensitively.</summary>
        public string? Search { get; init; }

        public SortColumn Sort { get; init; } = SortColumn.DueOn;

        public SortDirection Direction { get; init; } = SortDirection.Ascending;

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = 25;
    }

    public sealed record Row(
        int Id,
        ClosureKind Kind,
        ClosureState State,
        ClosureOrigin Origin,
        int? AccountId,
        string Subject,
        Platform? Platform,
        string UnitName,
        DateOnly? DueOn,
        bool IsOverdue,
        DateTimeOffset StateChangedAt,
        DateTimeOffset CreatedAt,
        bool BreaksRule)
    {
        public ClosureNextStep NextStep => ClosureNextSteps.Of(State, Kind);
    }

    public const int MaxPageSize = 200;

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<PagedResult<Row>> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            ArgumentNullException.ThrowIfNull(scope);
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var page = Math.Max(1, query.Page);
            var today = ShanghaiCalendar.Today(clock);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var requests = Filter(db.ClosureRequests.AsNoTracking().VisibleTo(scope), query, today);
            var total = await requests.CountAsync(cancellationToken);
            var rows = await Sort(requests, query)
                .Skip((page - 1) * pageSize)
                .Take(pageSize)
                .Select(r => new Row(
                    r.Id,
                    r.Kind,
                    r.State,
                    r.Origin,
                    r.AccountId,
                    r.Account != null ? r.Account.Name : r.ProposedName ?? string.Empty,
                    r.Account != null ? (Platform?)r.Account.Platform : r.ProposedPlatform,
                    r.Unit!.Name,
                    r.DueOn,
                    r.DueOn != null && r.DueOn < today,
                    r.StateChangedAt,
                    r.CreatedAt,
                    r.BreaksBelowCountyLevel || r.BreaksOneAccountPerPlatform))
                .ToListAsync(cancellationToken);
            return new PagedResult<Row>(rows, total, page, pageSize);
        }

        /// <summary>How many of the user's inbox requests are overdue (the nav badge).</summary>
        public async Task<int> CountAsync(Query query, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await Filter(db.ClosureRequests.AsNoTracking().VisibleTo(scope), query, ShanghaiCalendar.Today(clock)).CountAsync(cancellationToken);
        }

        private static IQueryable<ClosureRequest> Filter(IQueryable<ClosureRequest> requests, Query query, DateOnly today)
        {
            if (query.View == View.Inbox)
            {
                requests = requests.Where(r => r.State == ClosureState.Submitted || r.State == ClosureState.Deregistered);
            }
            else if (!query.IncludeFinished && query.State is null)
            {
                requests = requests.Where(r => r.State != ClosureState.Completed && r.State != ClosureState.Withdrawn);
            }

            if (query.State is { } state)
            {
                requests = requests.Where(r => r.State == state);
            }

            if (query.Kind is { } kind)
            {
                requests = requests.Where(r => r.Kind == kind);
            }

            if (query.OverdueOnly)
            {
                requests = requests.Where(r => r.DueOn != null && r.DueOn < today);
            }

            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = SearchPattern.Contains(query.Search);
                requests = requests.Where(r =>
                    (r.Account != null && EF.Functions.ILike(r.Account.Name, pattern, "\\"))
                    || (r.ProposedName != null && EF.Functions.ILike(r.ProposedName, pattern, "\\"))
                    || EF.Functions.ILike(r.Unit!.Name, pattern, "\\"));
            }

            return requests;
        }

        private static IQueryable<ClosureRequest> Sort(IQueryable<ClosureRequest> requests, Query query)
        {
            var descending = query.Direction == SortDirection.Descending;
            IOrderedQueryable<ClosureRequest> ordered = query.Sort switch
            {
                // Nothing due (finished requests) sorts last either way.
                SortColumn.DueOn => descending
                    ? requests.OrderBy(r => r.DueOn == null).ThenByDescending(r => r.DueOn)
                    : requests.OrderBy(r => r.DueOn == null).ThenBy(r => r.DueOn),
                SortColumn.StateChangedAt => descending ? requests.OrderByDescending(r => r.StateChangedAt) : requests.OrderBy(r => r.StateChangedAt),
                SortColumn.CreatedAt => descending ? requests.OrderByDescending(r => r.CreatedAt) : requests.OrderBy(r => r.CreatedAt),
                _ => throw new ArgumentOutOfRangeException(nameof(query), query.Sort, "Unknown sort column."),
            };
            return ordered.ThenBy(r => r.Id);
        }
    }
}
