using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>新建关停/整合申请: a clerk files for an account of their own unit subtree, as a draft or submitted at once.</summary>
public static class FileClosureRequest
{
    public sealed record Command(
        int AccountId,
        ClosureKind Kind,
        IReadOnlyList<ClosureReason> Reasons,
        string? ReasonText,
        DateOnly? PlannedLastPostOn,
        int? MergeTargetAccountId,
        string? ServiceTakeover,
        bool Submit);

    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task<int> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            return workflow.CreateAsync(scope, async (db, actor, now) =>
            {
                if (!actor.IsClerk)
                {
                    throw new ClosureException(ClosureError.NotAllowedForRole, "Only a clerk of the account's unit files a closure request.");
                }

                var account = await db.Accounts.VisibleTo(scope).Include(a => a.Unit)
                    .FirstOrDefaultAsync(a => a.Id == command.AccountId, cancellationToken)
                    ?? throw new NotFoundOrForbiddenException($"Account {command.AccountId} was not found.");
                if (command.Kind == ClosureKind.Merge)
                {
                    await EnsureCountyHubAsync(db, account.UnitId, command.MergeTargetAccountId, cancellationToken);
                }

                if (await db.ClosureRequests.AnyAsync(r => r.AccountId == account.Id && r.State != ClosureState.Completed && r.State != ClosureState.Withdrawn, cancellationToken))
                {
                    throw new ClosureException(ClosureError.OpenRequestExists, $"Account {account.Name} already has an open closure request.");
                }

                var details = new ClosureDetails(command.Reasons, command.ReasonText, command.PlannedLastPostOn, command.MergeTargetAccountId, command.ServiceTakeover);
                var request = ClosureRequest.FileClosure(actor, account, command.Kind, details, now, workflow.Deadlines);
                if (command.Submit)
                {
                    request.Submit(actor, now, workflow.Deadlines);
                }

                return request;
            }, cancellationToken);
        }

        /// <summary>A merge target must be a live hub of the account's own county (not any hub the client names).</summary>
        internal static async Task EnsureCountyHubAsync(Infrastructure.Persistence.RegistryDbContext db, int unitId, int? hubId, CancellationToken cancellationToken)
        {
            if (hubId is null)
            {
                return;
            }

            var hubs = await ClosureHubs.OfCountyAsync(db, unitId, cancellationToken);
            if (hubs.All(h => h.Id != hubId))
            {
                throw new ClosureException(ClosureError.MergeTargetNotLiveHub, $"Account {hubId} is not a live hub of the county.");
            }
        }
    }
}
