using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;

namespace AccountRegistry.Application.Closures;

/// <summary>修改申请: the clerk changes a draft or a rejected request, and may submit it in the same go.</summary>
public static class ReviseClosureRequest
{
    public sealed record Command(
        int RequestId,
        ClosureKind Kind,
        IReadOnlyList<ClosureReason> Reasons,
        string? ReasonText,
        DateOnly? PlannedLastPostOn,
        int? MergeTargetAccountId,
        string? ServiceTakeover,
        bool Submit);

    public sealed record OpeningCommand(int RequestId, int UnitId, Platform? Platform, string? ProposedName, string? Justification, bool Submit);

    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return workflow.ChangeAsync(command.RequestId, scope, async change =>
            {
                if (command.Kind == ClosureKind.Merge)
                {
                    await FileClosureRequest.Handler.EnsureCountyHubAsync(change.Db, change.Request.UnitId, command.MergeTargetAccountId, cancellationToken);
                }

                var details = new ClosureDetails(command.Reasons, command.ReasonText, command.PlannedLastPostOn, command.MergeTargetAccountId, command.ServiceTakeover);
                change.Request.Revise(change.Actor, command.Kind, details, change.Now);
                ClosureWorkflow.Audit(change, ClosureWorkflow.AuditActionOf(ClosureAction.Revise), command);
                if (command.Submit)
                {
                    change.Request.Submit(change.Actor, change.Now, change.Deadlines);
                }

                return true;
            }, cancellationToken);
        }

        public Task HandleAsync(OpeningCommand command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return workflow.ChangeAsync(command.RequestId, scope, async change =>
            {
                var check = await FileOpeningRequest.CheckAsync(change.Db, command.UnitId, command.Platform, scope, cancellationToken);
                change.Request.ReviseOpening(
                    change.Actor, new OpeningDetails(command.UnitId, command.Platform, command.ProposedName, command.Justification), check, change.Now);
                ClosureWorkflow.Audit(change, ClosureWorkflow.AuditActionOf(ClosureAction.Revise), command);
                if (command.Submit)
                {
                    change.Request.Submit(change.Actor, change.Now, change.Deadlines);
                }

                return true;
            }, cancellationToken);
        }
    }
}
