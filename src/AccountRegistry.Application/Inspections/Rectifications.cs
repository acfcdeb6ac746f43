using System.Globalization;
using System.Security.Cryptography;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 整改 tasks: what every use case shares. A task is the clerk's when the task's unit lies in the clerk's subtree,
/// the reviewer's (or administrator's) when it lies in theirs; a leader reads the tasks of the leader's subtree and
/// takes no step; anyone else gets "not found", exactly like a missing task. Every step is saved against the task's xmin with its <see cref="RectificationStep"/> and audit row in one save.
/// </summary>
public static class Rectifications
{
    public const string OverdueKind = "rectification.overdue";

    /// <summary>The tasks whose unit lies in the user's subtree (any role; nobody without one).</summary>
    internal static IQueryable<RectificationTask> VisibleTo(RegistryDbContext db, UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.Meets(Policies.AllRoles))
        {
            return db.RectificationTasks.Where(_ => false);
        }

        var units = db.Units.VisibleTo(scope).Select(u => u.Id);
        return db.RectificationTasks.Where(t => units.Contains(t.UnitId));
    }

    /// <summary>Reviewers and administrators decide; clerks answer; leaders watch.</summary>
    internal static RectificationRole RoleOf(UserScope scope) =>
        scope.Meets(Policies.District) ? RectificationRole.Reviewer
        : scope.IsClerk ? RectificationRole.Clerk
        : RectificationRole.Observer;

    internal static async Task<RectificationTask> LoadAsync(RegistryDbContext db, long taskId, UserScope scope, uint expectedVersion, CancellationToken cancellationToken)
    {
        var task = await VisibleTo(db, scope).FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundOrForbiddenException($"Rectification task {taskId} was not found.");
        if (task.Version != expectedVersion)
        {
            throw new RectificationException(RectificationError.Conflict, $"Task {taskId} was changed meanwhile.");
        }

        db.Entry(task).Property(t => t.Version).OriginalValue = expectedVersion;
        return task;
    }

    internal static async Task<uint> SaveStepAsync(
        RegistryDbContext db, RectificationTask task, RectificationAction action, RectificationState? from, string? note, UserScope scope, DateTimeOffset now, object details, CancellationToken cancellationToken)
    {
        db.RectificationSteps.Add(new RectificationStep
        {
            TaskId = task.Id, Action = action, FromState = from, ToState = task.State, Actor = scope.UserName, At = now, Note = note,
        });
        var name = action switch
        {
            RectificationAction.Answered => "rectification.answered",
            RectificationAction.Accepted => "rectification.accepted",
            RectificationAction.SentBack => "rectification.sent_back",
            _ => "rectification.created",
        };
        AuditLog.Append(db, now, scope.UserName, name, "rectification_task", task.Id.ToString(CultureInfo.InvariantCulture),
            unitId: task.UnitId, summary: $"整改 {task.Id}: {name}", details: details);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RectificationException(RectificationError.Conflict, $"Task {task.Id} was changed meanwhile.");
        }

        return task.Version;
    }

    /// <summary>
    /// One task per failing account of <paramref name="round"/> (the round's verdict: indicators plus manual findings,
    /// as <see cref="RoundScoring"/> combines them), due N working days after <paramref name="now"/>: one
    /// INSERT … SELECT from the round's stored results (<see cref="RoundVerdictSql.InsertTasks"/>), run on
    /// <paramref name="db"/>'s connection inside the caller's transaction so that publishing and the tasks commit
    /// together. The audit row is added to <paramref name="db"/> for the caller's next save; returns how many.
    /// </summary>
    internal static async Task<int> AddForPublishedRoundAsync(
        RegistryDbContext db, InspectionRound round, WorkingCalendar calendar, int workingDays, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Rectification tasks are created inside the publishing transaction.");
        }

        var settings = await InspectionRoundResults.Handler.SettingsAsync(db, round.InspectionId, cancellationToken);
        var due = calendar.AddWorkingDays(ShanghaiCalendar.DayOf(now), workingDays);
        var created = await db.Database.SqlQueryRaw<int>(
                RoundVerdictSql.InsertTasks,
                new Npgsql.NpgsqlParameter("cur_round", round.Id),
                new Npgsql.NpgsqlParameter("cur_inspection", round.InspectionId ?? 0L),
                new Npgsql.NpgsqlParameter("cur_pass", settings.PassScore),
                new Npgsql.NpgsqlParameter("due_on", due),
                new Npgsql.NpgsqlParameter("now", now.ToUniversalTime()))
            .ToListAsync(cancellationToken);

        AuditLog.Append(db, now, round.PublishedBy ?? "system", "rectification.created", "inspection_round", round.Id.ToString(CultureInfo.InvariantCulture),
            summary: $"{round.Title}: {created[0]} 整改", details: new { tasks = created[0], due_on = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        return created[0];
    }

    /// <summary>Reads a file and checks it like a closure attachment (PNG, JPEG or PDF by its bytes, ≤ 10 MB, never a program).</summary>
    internal static async Task<RectificationEvidence> CheckedEvidenceAsync(EvidenceUpload upload, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fileName = FileSignature.CleanFileName(upload.FileName);
        if (upload.DeclaredSize is > FileSignature.MaxAttachmentBytes)
        {
            FileSignature.CheckAttachment(fileName, upload.DeclaredSize.Value, []);
        }

        var bytes = await Closures.ClosureAttachments.Handler.ReadAtMostAsync(upload.Content, FileSignature.MaxAttachmentBytes + 1, cancellationToken);
        var kind = FileSignature.CheckAttachment(fileName, bytes.Length, bytes.AsSpan(0, Math.Min(bytes.Length, FileSignature.HeaderLength)));
        return new RectificationEvidence
        {
            FileName = fileName,
            ContentType = FileSignature.ContentTypeOf(kind),
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            UploadedBy = by,
            UploadedAt = now,
        };
    }
}

/// <summary>A file the clerk attaches to an answer; its bytes are checked, not its name.</summary>
public sealed record EvidenceUpload(string? FileName, long? DeclaredSize, Stream Content);
