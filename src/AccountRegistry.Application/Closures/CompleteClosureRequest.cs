using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// 确认完成: the reviewer confirms the deregistration; the account becomes closed (or merged into the hub) as of the
/// deregistration day, and its status history gets one row. The request's and the account's xmin make a second,
/// concurrent confirmation fail instead of closing the account twice; a later one finds the request completed.
/// </summary>
public static class CompleteClosureRequest
{
    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task HandleAsync(int requestId, UserScope scope, CancellationToken cancellationToken = default) =>
            workflow.ChangeAsync(requestId, scope, async change =>
            {
                var request = change.Request;
                var account = request.Account
                    ?? throw new ClosureException(ClosureError.WrongAccount, $"Request {requestId} has no account to close.");
                var hub = request.MergeTargetAccountId is { } hubId
                    ? await change.Db.Accounts.FindAsync([hubId], cancellationToken)
                    : null;
                var statusChange = request.Complete(change.Actor, account, hub, change.Now, change.Deadlines);
                change.Db.AccountStatusChanges.Add(statusChange);
                AuditLog.Append(
                    change.Db,
                    change.Now,
                    change.Actor.UserName,
                    statusChange.Status == AccountStatus.Merged ? "account.merged" : "account.closed",
                    "account",
                    account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    account.UnitId,
                    $"{account.Name}: {statusChange.Status.ToCode()} ({statusChange.Reason})",
                    new { requestId = request.Id, effectiveOn = statusChange.EffectiveOn, mergedInto = statusChange.MergedIntoAccountId });
                return true;
            }, cancellationToken);
    }
}
