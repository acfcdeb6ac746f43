using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>登记新账号: after an approved opening, the clerk records the account the platform created; it enters the register.</summary>
public static class RecordAccountOpening
{
    public sealed record Command(int RequestId, string? PlatformAccountId, DateOnly OpenedOn, string? Operator, bool ProvidesServices);

    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return workflow.ChangeAsync(command.RequestId, scope, async change =>
            {
                var platform = change.Request.ProposedPlatform;
                var id = command.PlatformAccountId?.Trim();
                if (platform is not null && !string.IsNullOrEmpty(id)
                    && await change.Db.Accounts.AnyAsync(a => a.Platform == platform && a.PlatformAccountId == id, cancellationToken))
                {
                    throw new ClosureException(ClosureError.PlatformAccountIdTaken, $"The register already holds {id} on this platform.");
                }

                var account = change.Request.RecordOpening(
                    change.Actor, command.PlatformAccountId, command.OpenedOn, command.Operator, command.ProvidesServices, change.Now, change.Deadlines);
                change.Db.Accounts.Add(account);
                return true;
            }, cancellationToken);
        }
    }
}
