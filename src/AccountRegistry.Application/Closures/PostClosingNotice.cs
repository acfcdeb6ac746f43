using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Common;

namespace AccountRegistry.Application.Closures;

/// <summary>已发布停更公告: the clerk records the day and the link of the published notice; the text published is kept.</summary>
public static class PostClosingNotice
{
    public sealed record Command(int RequestId, DateOnly PostedOn, string? Url);

    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return workflow.ChangeAsync(command.RequestId, scope, async change =>
            {
                var generated = await ClosureNotices.ComposeAsync(change.Db, change.Request, ShanghaiCalendar.DayOf(change.Now), cancellationToken);
                change.Request.PostNotice(change.Actor, command.PostedOn, command.Url, generated ?? string.Empty, change.Now, change.Deadlines);
                return true;
            }, cancellationToken);
        }
    }
}
