using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Accounts;

/// <summary>账号详情: an account's facts, its unit path, its posts (paged) and its reads over time.</summary>
public static class AccountDetail
{
    public sealed record Facts(
        int Id,
        Platform Platform,
        string PlatformAccountId,
        string Name,
        DateOnly OpenedOn,
        string? Operator,
        bool ProvidesServices,
        bool IsHub,
        AccountStatus Status,
        DateOnly? StatusChangedOn,
        string? MergedIntoName,
        int UnitId,
        IReadOnlyList<UnitStep> UnitPath,
        int PostCount,
        DateTimeOffset? LastPostAt);

    public sealed record UnitStep(int Id, string Name, UnitLevel Level);

    public sealed record PostRow(long Id, string PlatformPostId, DateTimeOffset PublishedAt, string? Title, string? Excerpt, bool IsOriginal, string? Url, long? Reads);

    /// <summary>Total reads (latest snapshot of each post) of the posts published in a month.</summary>
    public sealed record MonthlyReads(DateOnly Month, long Reads, int Posts);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<Facts> GetAsync(int accountId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var account = await db.Accounts.AsNoTracking().VisibleTo(scope)
                .Where(a => a.Id == accountId)
                .Select(a => new
                {
                    a.Id,
                    a.Platform,
                    a.PlatformAccountId,
                    a.Name,
                    a.OpenedOn,
                    a.Operator,
                    a.ProvidesServices,
                    a.IsHub,
                    a.Status,
                    a.StatusChangedOn,
                    MergedIntoName = a.MergedInto != null ? a.MergedInto.Name : null,
                    a.UnitId,
                    UnitPath = a.Unit!.Path,
                    PostCount = db.Posts.Count(p => p.AccountId == a.Id),
                    LastPostAt = db.Posts.Where(p => p.AccountId == a.Id).OrderByDescending(p => p.PublishedAt).Select(p => (DateTimeOffset?)p.PublishedAt).FirstOrDefault(),
                })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Account {accountId} was not found.");

            var ids = account.UnitPath.Split(Unit.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            var steps = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id))
                .Select(u => new UnitStep(u.Id, u.Name, u.Level))
                .ToListAsync(cancellationToken);
            var ordered = ids.Select(id => steps.First(s => s.Id == id)).ToList();

            return new Facts(account.Id, account.Platform, account.PlatformAccountId, account.Name, account.OpenedOn, account.Operator,
                account.ProvidesServices, account.IsHub, account.Status, account.StatusChangedOn, account.MergedIntoName, account.UnitId,
                ordered, account.PostCount, account.LastPostAt);
        }

        public async Task<PagedResult<PostRow>> PostsAsync(int accountId, UserScope scope, int page, int pageSize, CancellationToken cancellationToken = default)
        {
            pageSize = Math.Clamp(pageSize, 1, 200);
            page = Math.Max(1, page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await EnsureVisibleAsync(db, accountId, scope, cancellationToken);
            var posts = db.Posts.AsNoTracking().Where(p => p.AccountId == accountId);
            var total = await posts.CountAsync(cancellationToken);
            var rows = await posts
                .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
                .Skip((page - 1) * pageSize).Take(pageSize)
                .Select(p => new PostRow(
                    p.Id,
                    p.PlatformPostId,
                    p.PublishedAt,
                    p.Title,
                    p.Content == null ? null : p.Content.Substring(0, 120),
                    p.IsOriginal,
                    p.Url,
                    db.ReadSnapshots.Where(r => r.PostId == p.Id).OrderByDescending(r => r.CapturedAt).Select(r => (long?)r.Reads).FirstOrDefault()))
                .ToListAsync(cancellationToken);
            return new PagedResult<PostRow>(rows, total, page, pageSize);
        }

        public async Task<IReadOnlyList<MonthlyReads>> ReadsOverTimeAsync(int accountId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await EnsureVisibleAsync(db, accountId, scope, cancellationToken);
            return await db.Database.SqlQuery<MonthlyReads>(
                $"""
                SELECT date_trunc('month', p.published_at AT TIME ZONE 'Asia/Shanghai')::date AS "Month",
                       COALESCE(sum(latest.reads), 0)::bigint AS "Reads",
                       count(*)::int AS "Posts"
                FROM posts p
                LEFT JOIN LATERAL (
                    SELECT r.reads FROM read_snapshots r WHERE r.post_id = p.id ORDER BY r.captured_at DESC LIMIT 1
                ) latest ON TRUE
                WHERE p.account_id = {accountId}
                GROUP BY 1
                ORDER BY 1
                """).ToListAsync(cancellationToken);
        }

        private static async Task EnsureVisibleAsync(RegistryDbContext db, int accountId, UserScope scope, CancellationToken cancellationToken)
        {
            if (!await db.Accounts.VisibleTo(scope).AnyAsync(a => a.Id == accountId, cancellationToken))
            {
                throw new NotFoundOrForbiddenException($"Account {accountId} was not found.");
            }
        }
    }
}
