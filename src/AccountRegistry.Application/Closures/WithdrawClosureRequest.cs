using AccountRegistry.Application.Common;

namespace AccountRegistry.Application.Closures;

/// <summary>撤回: the clerk drops a draft or a rejected request; the account is free for a new one.</summary>
public static class WithdrawClosureRequest
{
    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task HandleAsync(int requestId, string? note, UserScope scope, CancellationToken cancellationToken = default) =>
            workflow.ChangeAsync(requestId, scope, change =>
            {
                change.Request.Withdraw(change.Actor, note, change.Now, change.Deadlines);
                return Task.FromResult(true);
            }, cancellationToken);
    }
}
