using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
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
/// the reviewer's (or administrator's) when it lies in theirs; anyone else gets "not found", exactly like a missing
/// task. Every step is saved against the task's xmin with its <see cref="RectificationStep"/> and audit row in one save.
/// </summary>
public static class Rectifications
{
    public const string OverdueKind = "rectification.overdue";

    /// <summary>The tasks whose unit lies in the user's subtree (clerks, reviewers, administrators; nobody else).</summary>
    internal static IQueryable<RectificationTask> VisibleTo(RegistryDbContext db, UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.IsInAnyRole(Roles.Clerk, Roles.Reviewer, Roles.Admin))
        {
            return db.RectificationTasks.Where(_ => false);
        }

        var units = db.Units.VisibleTo(scope).Select(u => u.Id);
        return db.RectificationTasks.Where(t => units.Contains(t.UnitId));
    }

    /// <summary>Clerks answer; reviewers and administrators decide.</summary>
    internal static RectificationRole RoleOf(UserScope scope) =>
        scope.IsClerk && !scope.IsInAnyRole(Roles.Reviewer, Roles.Admin) ? RectificationRole.Clerk : RectificationRole.Reviewer;

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
    /// by <see cref="RoundScoring"/>), due N working days after <paramref name="now"/>. Added to <paramref name="db"/>
    /// so that publishing and the tasks commit together; returns how many.
    /// </summary>
    internal static async Task<int> AddForPublishedRoundAsync(
        RegistryDbContext db, InspectionRound round, WorkingCalendar calendar, int workingDays, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.InspectionRoundAccounts.AsNoTracking()
            .Where(d => d.RoundId == round.Id)
            .Join(db.Accounts, d => d.AccountId, a => a.Id, (d, a) => new { a.Id, a.UnitId })
            .Select(a => new
            {
                a.Id,
                a.UnitId,
                Verdict = db.InspectionResults.Where(v => v.InspectionId == round.InspectionId && v.AccountId == a.Id)
                    .Select(v => new { v.Score, v.Vetoes, v.Deductions }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var findings = (await db.InspectionRoundFindings.AsNoTracking().Where(f => f.RoundId == round.Id).ToListAsync(cancellationToken))
            .ToLookup(f => f.AccountId);
        var settings = await InspectionRoundResults.Handler.SettingsAsync(db, round.InspectionId, cancellationToken);
        var due = calendar.AddWorkingDays(ShanghaiCalendar.DayOf(now), workingDays);
        var created = 0;
        foreach (var row in rows)
        {
            if (row.Verdict is null)
            {
                continue;
            }

            var own = findings[row.Id].ToList();
            var (result, _) = RoundScoring.Combine(row.Verdict.Score, row.Verdict.Vetoes.Length > 0, own, settings);
            if (result != InspectionResultKind.Fail)
            {
                continue;
            }

            var problems = row.Verdict.Vetoes
                .Concat(DeductionCodes(row.Verdict.Deductions))
                .Concat(own.Select(f => "MANUAL_" + ManualCode(f.Item)));
            db.RectificationTasks.Add(RectificationTask.Create(round.Id, row.Id, row.UnitId, problems, due, now));
            created++;
        }

        AuditLog.Append(db, now, round.PublishedBy ?? "system", "rectification.created", "inspection_round", round.Id.ToString(CultureInfo.InvariantCulture),
            summary: $"{round.Title}: {created} 整改", details: new { tasks = created, due_on = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        return created;
    }

    private static string ManualCode(ManualFindingItem item) => item switch
    {
        ManualFindingItem.BrokenMenu => "BROKEN_MENU",
        ManualFindingItem.CommercialAds => "COMMERCIAL_ADS",
        ManualFindingItem.UnrelatedLikes => "UNRELATED_LIKES",
        ManualFindingItem.UnusableApp => "UNUSABLE_APP",
        _ => "OTHER",
    };

    private static IEnumerable<string> DeductionCodes(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "[]" : json);
        return [.. document.RootElement.EnumerateArray()
            .Select(e => e.TryGetProperty("code", out var code) ? code.GetString() : null)
            .OfType<string>()];
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
