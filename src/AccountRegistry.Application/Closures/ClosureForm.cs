using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>What the request form needs: the account's facts and hubs, the accounts a clerk may pick, an opening's policy check.</summary>
public static class ClosureForm
{
    public sealed record AccountFacts(
        int Id,
        string Name,
        Platform Platform,
        string PlatformAccountId,
        int UnitId,
        string UnitName,
        bool ProvidesServices,
        bool IsHub,
        AccountStatus Status,
        int? OpenRequestId,
        IReadOnlyList<ClosureHubs.Hub> Hubs,
        ClosureHubs.Hub? DefaultHub);

    public sealed record AccountOption(int Id, string Name, Platform Platform, string UnitName);

    public sealed record OpeningCheckView(OpeningCheck Check, UnitLevel UnitLevel, string? ConflictingAccountName);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<AccountFacts> AccountAsync(int accountId, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var account = await db.Accounts.AsNoTracking().VisibleTo(scope)
                .Where(a => a.Id == accountId)
                .Select(a => new
                {
                    a.Id,
                    a.Name,
                    a.Platform,
                    a.PlatformAccountId,
                    a.UnitId,
                    UnitName = a.Unit!.Name,
                    UnitPath = a.Unit.Path,
                    a.ProvidesServices,
                    a.IsHub,
                    a.Status,
                    OpenRequestId = db.ClosureRequests
                        .Where(r => r.AccountId == a.Id && r.State != ClosureState.Completed && r.State != ClosureState.Withdrawn)
                        .Select(r => (int?)r.Id)
                        .FirstOrDefault(),
                })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Account {accountId} was not found.");
            var hubs = (await ClosureHubs.OfCountyAsync(db, account.UnitId, cancellationToken)).Where(h => h.Id != account.Id).ToList();
            return new AccountFacts(account.Id, account.Name, account.Platform, account.PlatformAccountId, account.UnitId, account.UnitName,
                account.ProvidesServices, account.IsHub, account.Status, account.OpenRequestId, hubs, ClosureHubs.DefaultFor(hubs, account.Platform));
        }

        /// <summary>Live accounts of the user's subtree matching a name, for the form's picker.</summary>
        public async Task<IReadOnlyList<AccountOption>> SearchAccountsAsync(string? text, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var accounts = db.Accounts.AsNoTracking().VisibleTo(scope).Where(a => a.Status == AccountStatus.Active);
            if (!string.IsNullOrWhiteSpace(text))
            {
                var pattern = SearchPattern.Contains(text);
                accounts = accounts.Where(a => EF.Functions.ILike(a.Name, pattern, "\\") || EF.Functions.ILike(a.PlatformAccountId, pattern, "\\"));
            }

            return await accounts.OrderBy(a => a.Name).ThenBy(a => a.Id).Take(50)
                .Select(a => new AccountOption(a.Id, a.Name, a.Platform, a.Unit!.Name))
                .ToListAsync(cancellationToken);
        }

        public async Task<OpeningCheckView> CheckOpeningAsync(int unitId, Platform? platform, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var check = await FileOpeningRequest.CheckAsync(db, unitId, platform, scope, cancellationToken);
            var level = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Level).SingleAsync(cancellationToken);
            var conflicting = check.ConflictingAccountId is { } id
                ? await db.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
                : null;
            return new OpeningCheckView(check, level, conflicting);
        }
    }
}
