using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;

namespace AccountRegistry.Application.Closures;

/// <summary>编辑停更公告: the clerk's own wording replaces the generated text (blank restores it).</summary>
public static class EditClosingNotice
{
    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task HandleAsync(int requestId, string? text, UserScope scope, CancellationToken cancellationToken = default) =>
            workflow.ChangeAsync(requestId, scope, change =>
            {
                change.Request.EditNotice(change.Actor, text);
                ClosureWorkflow.Audit(change, ClosureWorkflow.AuditActionOf(ClosureAction.EditNotice), new { length = text?.Length ?? 0 });
                return Task.FromResult(true);
            }, cancellationToken);
    }
}
