using AccountRegistry.Domain.Accounts;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Verification;

/// <summary>
/// Public verification (issue 10): is this account a registered official account of the county, which unit owns it
/// and is it still in use. Open to anyone, so the answer holds only those public facts: never the operator, flags,
/// review decisions, notes, posts or internal ids.
/// </summary>
public static class VerifyAccount
{
    public sealed record MergedInto(Platform Platform, string AccountId, string Name);

    /// <summary>The answer. For an unknown account only <see cref="Registered"/> = false and the key asked for.</summary>
    public sealed record Answer(
        bool Registered,
        Platform Platform,
        string AccountId,
        string? Name,
        string? Unit,
        AccountStatus? Status,
        DateOnly? StatusChangedOn,
        MergedInto? MergedInto);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<Answer> VerifyAsync(Platform platform, string accountId, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(accountId);
            var id = Common.SearchPattern.Clean(accountId); // a NUL (never in a stored id) would fail the query: 22021
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var found = await db.Accounts.AsNoTracking()
                .Where(a => a.Platform == platform && a.PlatformAccountId == id)
                .Select(a => new
                {
                    a.Name,
                    Unit = a.Unit!.Name,
                    a.Status,
                    a.StatusChangedOn,
                    Merged = a.MergedInto == null ? null : new { a.MergedInto.Platform, a.MergedInto.PlatformAccountId, a.MergedInto.Name },
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return new Answer(false, platform, id, null, null, null, null, null);
            }

            return new Answer(
                true,
                platform,
                id,
                found.Name,
                found.Unit,
                found.Status,
                found.Status == AccountStatus.Active ? null : found.StatusChangedOn,
                found.Status == AccountStatus.Merged && found.Merged is { } m ? new MergedInto(m.Platform, m.PlatformAccountId, m.Name) : null);
        }
    }
}
