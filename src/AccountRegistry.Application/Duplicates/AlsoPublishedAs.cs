using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// 同稿另见: for one post, the posts of other accounts that are near-duplicates of it (either direction), with account,
/// time and exact similarity to this post; the earliest post of the set — this post included — is marked as the
/// source (ties on time: the lower post id).
/// </summary>
public static class AlsoPublishedAs
{
    public sealed record Item(
        long PostId,
        int AccountId,
        string AccountName,
        Platform Platform,
        string UnitName,
        DateTimeOffset PublishedAt,
        string? Title,
        double Similarity,
        bool IsSource);

    /// <param name="ThisPostIsSource">True when this post is the earliest of its near-duplicates.</param>
    /// <param name="SourceOutsideScope">
    /// The earliest post belongs to a unit the user may not see: it is not listed, only this flag says the story
    /// appeared earlier elsewhere.
    /// </param>
    public sealed record Result(long PostId, bool ThisPostIsSource, bool SourceOutsideScope, IReadOnlyList<Item> Items)
    {
        public bool IsEmpty => Items.Count == 0 && !SourceOutsideScope;
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<Result> HandleAsync(long postId, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var self = await db.Posts.AsNoTracking()
                .Where(p => p.Id == postId && db.Accounts.VisibleTo(scope).Any(a => a.Id == p.AccountId))
                .Select(p => new { p.Id, p.PublishedAt })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Post {postId} was not found.");

            // Both directions; a pair published at the same instant is stored both ways, hence the grouping.
            var partnerIds = db.NearDuplicates.Where(d => d.PostId == postId).Select(d => new { Id = d.SourcePostId, d.Similarity })
                .Concat(db.NearDuplicates.Where(d => d.SourcePostId == postId).Select(d => new { Id = d.PostId, d.Similarity }));
            var partners = await (
                    from partner in partnerIds
                    join post in db.Posts on partner.Id equals post.Id
                    join account in db.Accounts on post.AccountId equals account.Id
                    select new
                    {
                        post.Id,
                        AccountId = account.Id,
                        AccountName = account.Name,
                        account.Platform,
                        UnitName = account.Unit!.Name,
                        UnitPath = account.Unit.Path,
                        post.PublishedAt,
                        post.Title,
                        partner.Similarity,
                    })
                .AsNoTracking()
                .ToListAsync(cancellationToken);

            // A post has a handful of near-duplicates, so ordering and scoping them here is cheap.
            var distinct = partners.GroupBy(p => p.Id).Select(g => g.First()).ToList();
            var earliest = distinct
                .Select(p => (p.Id, p.PublishedAt))
                .Append((self.Id, self.PublishedAt))
                .OrderBy(p => p.PublishedAt).ThenBy(p => p.Id)
                .First();
            var visible = distinct.Where(p => scope.CanSee(p.UnitPath)).ToList();
            var items = visible
                .OrderBy(p => p.PublishedAt).ThenBy(p => p.Id)
                .Select(p => new Item(p.Id, p.AccountId, p.AccountName, p.Platform, p.UnitName, p.PublishedAt, p.Title, p.Similarity, p.Id == earliest.Id))
                .ToList();
            var sourceHidden = earliest.Id != self.Id && visible.All(p => p.Id != earliest.Id);
            return new Result(postId, earliest.Id == self.Id && distinct.Count > 0, sourceHidden, items);
        }
    }
}
