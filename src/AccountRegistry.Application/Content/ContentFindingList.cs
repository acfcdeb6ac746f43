using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Content;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Content;

/// <summary>
/// Content findings as a review queue of their own (flag types CONTENT_PRIVACY, CONTENT_NAME_ERROR, CONTENT_BANNED,
/// CONTENT_EXTERNAL_LINK), and the findings of one account or one post. Filtered by the user's unit scope on the
/// server; paged and sorted in SQL.
/// </summary>
public static class ContentFindingList
{
    public sealed record Filter(ContentCheck? Check = null, ContentFindingStatus? Status = ContentFindingStatus.Open, int? AccountId = null, long? PostId = null);

    public sealed record Row(
        long Id,
        long PostId,
        string PlatformPostId,
        DateTimeOffset PublishedAt,
        string? PostTitle,
        string? PostUrl,
        int AccountId,
        string AccountName,
        Platform Platform,
        string UnitName,
        ContentCheck Check,
        string Detail,
        ContentField Field,
        int Position,
        string MatchedText,
        ContentFindingStatus Status,
        DateTimeOffset FoundAt,
        string? DecidedBy,
        DateTimeOffset? DecidedAt,
        string? DecisionNote,
        uint Version);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<PagedResult<Row>> ListAsync(Filter filter, UserScope scope, int page = 0, int pageSize = 50, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(filter);
            EnsureMayRead(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var accounts = db.Accounts.AsNoTracking().VisibleTo(scope);
            var findings = db.ContentFindings.AsNoTracking().Where(f => accounts.Any(a => a.Id == f.AccountId));
            if (filter.Check is { } check)
            {
                findings = findings.Where(f => f.Check == check);
            }

            if (filter.Status is { } status)
            {
                findings = findings.Where(f => f.Status == status);
            }

            if (filter.AccountId is { } accountId)
            {
                findings = findings.Where(f => f.AccountId == accountId);
            }

            if (filter.PostId is { } postId)
            {
                findings = findings.Where(f => f.PostId == postId);
            }

            var total = await findings.CountAsync(cancellationToken);
            pageSize = Math.Clamp(pageSize, 1, 500);
            page = Math.Max(0, page);
            var rows = await findings
                .Join(db.Posts, f => f.PostId, p => p.Id, (f, p) => new { f, p })
                .Join(db.Accounts, x => x.f.AccountId, a => a.Id, (x, a) => new { x.f, x.p, a })
                .OrderByDescending(x => x.f.FoundAt).ThenBy(x => x.f.PostId).ThenBy(x => x.f.Field).ThenBy(x => x.f.Position).ThenBy(x => x.f.Id)
                .Skip(page * pageSize).Take(pageSize)
                .Select(x => new Row(
                    x.f.Id, x.f.PostId, x.p.PlatformPostId, x.p.PublishedAt, x.p.Title, x.p.Url, x.a.Id, x.a.Name, x.a.Platform, x.a.Unit!.Name,
                    x.f.Check, x.f.Detail, x.f.Field, x.f.Position, x.f.MatchedText, x.f.Status, x.f.FoundAt, x.f.DecidedBy, x.f.DecidedAt, x.f.DecisionNote, x.f.Version))
                .ToListAsync(cancellationToken);
            return new PagedResult<Row>(rows, total, page, pageSize);
        }
    }

    /// <summary>Every role reads the findings of its own scope; a clerk sees those of the own township's accounts.</summary>
    public static void EnsureMayRead(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Roles.Count == 0)
        {
            throw new NotFoundOrForbiddenException("Content findings are not open to this user.");
        }
    }
}
