using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// A reviewer dismisses an open flag with a reason. The flag then stays dismissed for the county's dismissal period
/// unless its evidence gets worse (<see cref="FlagSeverity"/>). The review pages call this.
/// </summary>
public static class DismissFlag
{
    public const string AuditAction = "flag.dismissed";

    public sealed record Command(long FlagId, string Reason);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.IsInAnyRole(Roles.Admin, Roles.Reviewer))
            {
                throw new NotFoundOrForbiddenException("Only a reviewer or an administrator may dismiss a flag.");
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var found = await (from f in db.Flags
                               join a in db.Accounts.VisibleTo(scope) on f.AccountId equals a.Id
                               where f.Id == command.FlagId
                               select new { Flag = f, a.UnitId, a.Name })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Flag {command.FlagId} was not found.");

            var now = clock.GetUtcNow();
            found.Flag.Dismiss(scope.UserName, command.Reason, now);
            AuditLog.Append(
                db,
                now,
                scope.UserName,
                AuditAction,
                "flag",
                found.Flag.Id.ToString(CultureInfo.InvariantCulture),
                found.UnitId,
                $"{found.Name} {found.Flag.Rule.ToCode()}: {found.Flag.DismissedReason}",
                new { account_id = found.Flag.AccountId, rule = found.Flag.Rule.ToCode(), reason = found.Flag.DismissedReason, measure = found.Flag.Measure });

            // xmin: if the nightly run moved this flag after it was read, the save fails instead of losing either change.
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
