using AccountRegistry.Application.Common;

namespace AccountRegistry.Application.Closures;

/// <summary>批准 / 驳回: the reviewer decides a submitted request; a rejection says why.</summary>
public static class DecideClosureRequest
{
    public enum Decision
    {
        Approve,
        Reject,
    }

    public sealed record Command(int RequestId, Decision Decision, string? Note);

    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return workflow.ChangeAsync(command.RequestId, scope, change =>
            {
                switch (command.Decision)
                {
                    case Decision.Approve:
                        change.Request.Approve(change.Actor, command.Note, change.Now, change.Deadlines);
                        break;
                    case Decision.Reject:
                        change.Request.Reject(change.Actor, command.Note, change.Now, change.Deadlines);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(command), command.Decision, null);
                }

                return Task.FromResult(true);
            }, cancellationToken);
        }
    }
}
