using AccountRegistry.Application.Common;

namespace AccountRegistry.Application.Closures;

/// <summary>提交: the clerk sends a draft (or a revised rejected request) to the reviewer.</summary>
public static class SubmitClosureRequest
{
    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task HandleAsync(int requestId, UserScope scope, CancellationToken cancellationToken = default) =>
            workflow.ChangeAsync(requestId, scope, change =>
            {
                change.Request.Submit(change.Actor, change.Now, change.Deadlines);
                return Task.FromResult(true);
            }, cancellationToken);
    }
}
