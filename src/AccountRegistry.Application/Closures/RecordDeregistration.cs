using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>已注销: the clerk deregistered the account on the platform; at least one proof file must be attached.</summary>
public static class RecordDeregistration
{
    public sealed record Command(int RequestId, DateOnly DeregisteredOn, string? Note);

    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return workflow.ChangeAsync(command.RequestId, scope, async change =>
            {
                var proofs = await change.Db.ClosureAttachments
                    .CountAsync(a => a.RequestId == change.Request.Id && a.Purpose == AttachmentPurpose.Proof, cancellationToken);
                change.Request.RecordDeregistration(change.Actor, command.DeregisteredOn, proofs, command.Note, change.Now, change.Deadlines);
                return true;
            }, cancellationToken);
        }
    }
}
