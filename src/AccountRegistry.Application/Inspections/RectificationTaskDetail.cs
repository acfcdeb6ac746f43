using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>One task with its steps and evidence, and what the user may do with it now; its evidence files, to those who may see it.</summary>
public static class RectificationTaskDetail
{
    public sealed record Step(RectificationAction Action, RectificationState? FromState, RectificationState ToState, string Actor, DateTimeOffset At, string? Note);

    public sealed record Evidence(long Id, string FileName, string ContentType, long SizeBytes, string UploadedBy, DateTimeOffset UploadedAt);

    public sealed record Detail(
        long Id, long RoundId, string RoundTitle, int AccountId, Platform Platform, string AccountName, string UnitName,
        IReadOnlyList<string> Problems, DateOnly DueOn, RectificationState State, bool Overdue, string? Answer, string? SendBackReason,
        uint Version, IReadOnlyList<RectificationAction> Allowed, IReadOnlyList<Step> Steps, IReadOnlyList<Evidence> Files,
        IReadOnlyList<InspectionRoundResults.Finding> Findings);


    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Detail> HandleAsync(long taskId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var task = await Rectifications.VisibleTo(db, scope).AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Rectification task {taskId} was not found.");
            var title = await db.InspectionRounds.Where(r => r.Id == task.RoundId).Select(r => r.Title).FirstAsync(cancellationToken);
            var account = await db.Accounts.Where(a => a.Id == task.AccountId).Select(a => new { a.Platform, a.Name }).FirstAsync(cancellationToken);
            var unit = await db.Units.Where(u => u.Id == task.UnitId).Select(u => u.Name).FirstAsync(cancellationToken);
            var steps = await db.RectificationSteps.AsNoTracking().Where(s => s.TaskId == taskId).OrderBy(s => s.At).ThenBy(s => s.Id)
                .Select(s => new Step(s.Action, s.FromState, s.ToState, s.Actor, s.At, s.Note)).ToListAsync(cancellationToken);
            var files = await db.RectificationEvidence.AsNoTracking().Where(e => e.TaskId == taskId).OrderBy(e => e.Id)
                .Select(e => new Evidence(e.Id, e.FileName, e.ContentType, e.SizeBytes, e.UploadedBy, e.UploadedAt)).ToListAsync(cancellationToken);
            // The round's manual findings on the account: what the clerk is asked to put right, with their screenshots.
            var findings = await db.InspectionRoundFindings.AsNoTracking().Where(f => f.RoundId == task.RoundId && f.AccountId == task.AccountId).OrderBy(f => f.Id)
                .Select(f => new InspectionRoundResults.Finding(f.Id, f.Kind, f.Item, f.Points, f.Note, f.FileName)).ToListAsync(cancellationToken);
            var today = ShanghaiCalendar.DayOf(clock.GetUtcNow());
            return new Detail(task.Id, task.RoundId, title, task.AccountId, account.Platform, account.Name, unit, task.Problems, task.DueOn, task.State,
                task.IsOverdue(today), task.Answer, task.SendBackReason, task.Version, task.AllowedActions(Rectifications.RoleOf(scope)), steps, files, findings);
        }

        /// <summary>An evidence file, if the user may see its task; otherwise "not found", exactly like a missing one.</summary>
        public async Task<StoredFile> DownloadAsync(long taskId, long evidenceId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var visible = Rectifications.VisibleTo(db, scope).Where(t => t.Id == taskId).Select(t => t.Id);
            return await db.RectificationEvidence.AsNoTracking()
                .Where(e => e.Id == evidenceId && e.TaskId == taskId && visible.Contains(e.TaskId))
                .Select(e => new StoredFile(e.FileName, e.ContentType, e.Content))
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Evidence {evidenceId} of task {taskId} was not found.");
        }
    }
}
