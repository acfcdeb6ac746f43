using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Web.Tests.Rectifications;

/// <summary>
/// A published round with one open rectification task for an account (in township X, 望岳街道), stored directly:
/// the web tests drive the task's pages, not the round's (those are tested with the rounds).
/// </summary>
internal static class RectificationWebSupport
{
    public static async Task<(long TaskId, long? EvidenceId)> OpenTaskAsync(RegistryWebApp app, Account account, bool withEvidence = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = DateTimeOffset.UtcNow;
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var round = InspectionRound.Open("第四季度抽查（测试）", new DateOnly(2026, 11, 20), RoundScope.Townships, [account.UnitId], RoundSampling.AllLive, null, 1, "reviewer", now);
        db.InspectionRounds.Add(round);
        await db.SaveChangesAsync();

        // Published without running the indicators, which Publish refuses: the task's pages need only the state.
        await db.InspectionRounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.State, RoundState.Published)
            .SetProperty(r => r.PublishedBy, "reviewer")
            .SetProperty(r => r.PublishedAt, now));
        var task = RectificationTask.Create(round.Id, account.Id, account.UnitId, ["VETO_NOT_UPDATED", "MANUAL_BROKEN_MENU"], DateOnly.FromDateTime(now.UtcDateTime).AddDays(14), now);
        db.RectificationTasks.Add(task);
        await db.SaveChangesAsync();
        if (!withEvidence)
        {
            return (task.Id, null);
        }

        var evidence = new RectificationEvidence
        {
            TaskId = task.Id, FileName = "整改截图.png", ContentType = "image/png", SizeBytes = Closures.ClosureWebSupport.Png.Length,
            Sha256 = new string('0', 64), Content = Closures.ClosureWebSupport.Png, UploadedBy = "clerk.wangyue", UploadedAt = now,
        };
        db.RectificationEvidence.Add(evidence);
        await db.SaveChangesAsync();
        return (task.Id, evidence.Id);
    }

    /// <summary>A manual finding with a screenshot on the task's account, in the task's (published) round; answers the round's and the finding's ids.</summary>
    public static async Task<(long RoundId, long FindingId)> FindingAsync(RegistryWebApp app, long taskId)
    {
        await using var db = RegistryDbContextOptions.Create(app.ConnectionString);
        var task = db.RectificationTasks.Single(t => t.Id == taskId);
        var finding = new InspectionRoundFinding
        {
            RoundId = task.RoundId, AccountId = task.AccountId, Kind = ManualFindingKind.Veto, Item = ManualFindingItem.BrokenMenu, Note = "菜单打不开",
            FileName = "菜单截图.png", ContentType = "image/png", Content = Closures.ClosureWebSupport.Png, RecordedBy = "reviewer", RecordedAt = DateTimeOffset.UtcNow,
        };
        db.InspectionRoundFindings.Add(finding);
        await db.SaveChangesAsync();
        return (task.RoundId, finding.Id);
    }
}
