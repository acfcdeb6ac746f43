using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Accounts;

/// <summary>账号台账: the accounts a user may see, filtered, sorted and paged in SQL.</summary>
public static class AccountRegister
{
    public enum SortColumn
    {
        Name,
        Platform,
        Unit,
        OpenedOn,
        Status,
        LastPost,
    }

    public sealed record Query
    {
        public int? UnitId { get; init; }

        public Platform? Platform { get; init; }

        public AccountStatus? Status { get; init; }

        public UnitLevel? Level { get; init; }

        /// <summary>Matches the account name or its platform id, case-insensitively.</summary>
        public string? Search { get; init; }

        public SortColumn Sort { get; init; } = SortColumn.Name;

        public SortDirection Direction { get; init; } = SortDirection.Ascending;

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = 25;
    }

    public sealed record Row(
        int Id,
        Platform Platform,
        string PlatformAccountId,
        string Name,
        int UnitId,
        string UnitName,
        UnitLevel UnitLevel,
        DateOnly OpenedOn,
        string? Operator,
        bool ProvidesServices,
        bool IsHub,
        AccountStatus Status,
        DateTimeOffset? LastPostAt);

    public const int MaxPageSize = 200;

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<PagedResult<Row>> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var page = Math.Max(1, query.Page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var filtered = Filter(db, query, scope);

            // One round trip: the page's rows each carry the filter's total (an uncorrelated subquery PostgreSQL runs
            // once); only a page past the end, which has no row to carry it, asks for the count on its own.
            var rows = await Project(db, Sort(db, filtered, query))
                .Select(r => new { Row = r, Total = filtered.Count() })
                .Skip((page - 1) * pageSize)
                .Take(pageSize)
                .ToListAsync(cancellationToken);
            var total = rows.Count > 0 ? rows[0].Total : await filtered.CountAsync(cancellationToken);
            return new PagedResult<Row>(rows.ConvertAll(r => r.Row), total, page, pageSize);
        }

        /// <summary>Every row of the filter, streamed (for the .xlsx export); still scoped and filtered in SQL.</summary>
        public async IAsyncEnumerable<Row> StreamAsync(
            Query query,
            UserScope scope,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var filtered = Filter(db, query, scope);
            await foreach (var row in Project(db, Sort(db, filtered, query)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return row;
            }
        }

        private static IQueryable<Account> Filter(RegistryDbContext db, Query query, UserScope scope)
        {
            var accounts = db.Accounts.AsNoTracking().VisibleTo(scope);
            if (query.UnitId is { } unitId)
            {
                // The unit's path is looked up in the same statement; a unit outside the user's scope filters to
                // nothing rather than widening the scope.
                var unitPath = db.Units.VisibleTo(scope).Where(u => u.Id == unitId).Select(u => u.Path);
                accounts = accounts.Where(a => unitPath.Any(path => a.Unit!.Path.StartsWith(path)));
            }

            if (query.Platform is { } platform)
            {
                accounts = accounts.Where(a => a.Platform == platform);
            }

            if (query.Status is { } status)
            {
                accounts = accounts.Where(a => a.Status == status);
            }

            if (query.Level is { } level)
            {
                accounts = accounts.Where(a => a.Unit!.Level == level);
            }

            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = SearchPattern.Contains(query.Search);
                accounts = accounts.Where(a => EF.Functions.ILike(a.Name, pattern, "\\") || EF.Functions.ILike(a.PlatformAccountId, pattern, "\\"));
            }

            return accounts;
        }

        private static IQueryable<Row> Project(RegistryDbContext db, IQueryable<Account> accounts) =>
            accounts.Select(a => new Row(
                a.Id,
                a.Platform,
                a.PlatformAccountId,
                a.Name,
                a.UnitId,
                a.Unit!.Name,
                a.Unit.Level,
                a.OpenedOn,
                a.Operator,
                a.ProvidesServices,
                a.IsHub,
                a.Status,
                db.Posts.Where(p => p.AccountId == a.Id).OrderByDescending(p => p.PublishedAt).Select(p => (DateTimeOffset?)p.PublishedAt).FirstOrDefault()));

        /// <summary>Sorts the entities (before projection, so PostgreSQL does it); the last-post sort reads the (account_id, published_at) index.</summary>
        private static IQueryable<Account> Sort(RegistryDbContext db, IQueryable<Account> accounts, Query query)
        {
            var descending = query.Direction == SortDirection.Descending;
            IOrderedQueryable<Account> ordered = query.Sort switch
            {
                SortColumn.Name => descending ? accounts.OrderByDescending(a => a.Name) : accounts.OrderBy(a => a.Name),
                SortColumn.Platform => descending ? accounts.OrderByDescending(a => a.Platform) : accounts.OrderBy(a => a.Platform),
                SortColumn.Unit => descending ? accounts.OrderByDescending(a => a.Unit!.Name) : accounts.OrderBy(a => a.Unit!.Name),
                SortColumn.OpenedOn => descending ? accounts.OrderByDescending(a => a.OpenedOn) : accounts.OrderBy(a => a.OpenedOn),
                SortColumn.Status => descending ? accounts.OrderByDescending(a => a.Status) : accounts.OrderBy(a => a.Status),
                // Never-posted accounts count as the oldest: first when ascending, last when descending.
                SortColumn.LastPost => descending
                    ? accounts.OrderBy(a => !db.Posts.Any(p => p.AccountId == a.Id))
                        .ThenByDescending(a => db.Posts.Where(p => p.AccountId == a.Id).Max(p => (DateTimeOffset?)p.PublishedAt))
                    : accounts.OrderBy(a => db.Posts.Any(p => p.AccountId == a.Id))
                        .ThenBy(a => db.Posts.Where(p => p.AccountId == a.Id).Max(p => (DateTimeOffset?)p.PublishedAt)),
                _ => throw new ArgumentOutOfRangeException(nameof(query), query.Sort, "Unknown sort column."),
            };

            // A stable tie-break, so paging never shows a row twice or skips one.
            return ordered.ThenBy(a => a.Id);
        }
    }
}
