using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>整改审核: the district's reviewer accepts an answer, or sends it back with a reason.</summary>
public static class ReviewRectification
{
    public sealed record Command(long TaskId, uint ExpectedVersion, bool Accept, string? Reason);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<uint> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var task = await Rectifications.LoadAsync(db, command.TaskId, scope, command.ExpectedVersion, cancellationToken);
            var now = clock.GetUtcNow();
            var from = task.State;
            var role = Rectifications.RoleOf(scope);
            if (command.Accept)
            {
                task.Accept(role, scope.UserName, now);
                return await Rectifications.SaveStepAsync(db, task, RectificationAction.Accepted, from, null, scope, now, new { }, cancellationToken);
            }

            task.SendBack(role, scope.UserName, command.Reason, now);
            return await Rectifications.SaveStepAsync(db, task, RectificationAction.SentBack, from, task.SendBackReason, scope, now,
                new { reason = task.SendBackReason }, cancellationToken);
        }
    }
}
