using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>整改回复: the unit's clerk says what was done and attaches the evidence, in one step.</summary>
public static class AnswerRectification
{
    public sealed record Command(long TaskId, uint ExpectedVersion, string? Answer, IReadOnlyList<EvidenceUpload> Evidence);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<uint> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var task = await Rectifications.LoadAsync(db, command.TaskId, scope, command.ExpectedVersion, cancellationToken);
            var now = clock.GetUtcNow();
            var evidence = new List<RectificationEvidence>();
            foreach (var upload in command.Evidence ?? [])
            {
                evidence.Add(await Rectifications.CheckedEvidenceAsync(upload, scope.UserName, now, cancellationToken));
            }

            var from = task.AnswerWith(Rectifications.RoleOf(scope), scope.UserName, command.Answer, evidence.Count, now);
            foreach (var file in evidence)
            {
                file.TaskId = task.Id;
                db.RectificationEvidence.Add(file);
            }

            return await Rectifications.SaveStepAsync(db, task, RectificationAction.Answered, from, task.Answer, scope, now, new
            {
                answer = task.Answer,
                evidence = evidence.Select(e => new { fileName = e.FileName, contentType = e.ContentType, sizeBytes = e.SizeBytes, sha256 = e.Sha256 }),
            }, cancellationToken);
        }
    }
}
