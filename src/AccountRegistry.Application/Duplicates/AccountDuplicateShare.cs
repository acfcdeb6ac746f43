using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// 重复稿件占比: of an account's posts in the 90 Shanghai days ending on a day (default today), how many copy a post
/// of another account published at or before them (the measure behind the spec's DUPLICATE_CONTENT rule; the rule
/// itself, with its "at least 3 posts" and "at least half", belongs to the rules service).
/// </summary>
public static class AccountDuplicateShare
{
    public const int WindowDays = 90;

    public sealed record Result(int AccountId, DateOnly From, DateOnly To, int Posts, int Copies)
    {
        /// <summary>Copies ÷ posts; null when the account posted nothing in the window.</summary>
        public double? Share => Posts == 0 ? null : (double)Copies / Posts;
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(int accountId, UserScope scope, DateOnly? asOf = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Accounts.VisibleTo(scope).AnyAsync(a => a.Id == accountId, cancellationToken))
            {
                throw new NotFoundOrForbiddenException($"Account {accountId} was not found.");
            }

            var to = asOf ?? ShanghaiCalendar.Today(clock);
            var from = to.AddDays(-(WindowDays - 1));
            var start = ShanghaiCalendar.StartOf(from);
            var end = ShanghaiCalendar.EndOf(to);
            var posts = db.Posts.AsNoTracking().Where(p => p.AccountId == accountId && p.PublishedAt >= start && p.PublishedAt < end);
            var total = await posts.CountAsync(cancellationToken);

            // Every near_duplicates row points to an earlier (or same-instant) post of another account.
            var copies = await posts.CountAsync(p => db.NearDuplicates.Any(d => d.PostId == p.Id), cancellationToken);
            return new Result(accountId, from, to, total, copies);
        }
    }
}
