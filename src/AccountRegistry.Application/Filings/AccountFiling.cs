using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Filings;

/// <summary>An account's filing (备案) as the account page shows it: number, day, the deadline, and the xmin an edit is checked against.</summary>
public static class AccountFiling
{
    public sealed record State(int AccountId, string? FilingNo, DateOnly? FiledOn, DateOnly OpenedOn, DateOnly Deadline, bool IsLive, uint Version)
    {
        /// <summary>Filed after the deadline, or not filed and the deadline passed (as of <paramref name="today"/>).</summary>
        public bool IsLate(DateOnly today) => FiledOn is { } filed ? filed > Deadline : FilingNo is null && IsLive && Deadline < today;
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, ClosureDeadlines deadlines)
    {
        public async Task<State> GetAsync(int accountId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await db.Accounts.AsNoTracking().VisibleTo(scope).Where(a => a.Id == accountId)
                .Select(a => new { a.FilingNo, a.FiledOn, a.OpenedOn, a.Status, a.Version })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Account {accountId} was not found.");
            return new State(accountId, string.IsNullOrWhiteSpace(row.FilingNo) ? null : row.FilingNo, row.FiledOn, row.OpenedOn,
                deadlines.Calendar.AddWorkingDays(row.OpenedOn, UnfiledAccounts.FilingWorkingDays), row.Status == AccountStatus.Active, row.Version);
        }
    }
}
