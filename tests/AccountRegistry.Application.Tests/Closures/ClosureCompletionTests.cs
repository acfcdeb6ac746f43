using AccountRegistry.Application.Closures;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Tests.Closures;

/// <summary>Completing closes the account exactly once, however many times and from however many places it is clicked.</summary>
public sealed class ClosureCompletionTests(ClosureFixture county) : IClassFixture<ClosureFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CompleteTwice_SecondIsRefused_AndTheAccountChangesOnce()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳两次完成", Platform.Weibo);
        var id = await harness.DeregisteredAsync(account, county);

        await harness.Complete.HandleAsync(id, county.Reviewer, Ct);
        var second = await Assert.ThrowsAsync<ClosureException>(() => harness.Complete.HandleAsync(id, county.Reviewer, Ct));

        Assert.Equal(ClosureError.IllegalTransition, second.Error);
        Assert.Equal(1, await StatusChangesAsync(account));
    }

    [Fact]
    public async Task CompleteFromTwoContextsAtOnce_OnlyOneCommits()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳并发完成", Platform.Douyin);
        var id = await harness.DeregisteredAsync(account, county);
        var reviewer = ClosureActor.Reviewer("reviewer");
        var now = harness.Clock.GetUtcNow();

        // Both reviewers loaded the request while it was still waiting for confirmation.
        await using var first = county.CreateContext();
        await using var second = county.CreateContext();
        var (requestA, accountA) = await LoadAsync(first, id);
        var (requestB, accountB) = await LoadAsync(second, id);
        first.AccountStatusChanges.Add(requestA.Complete(reviewer, accountA, null, now, ClosureDeadlines.Default));
        second.AccountStatusChanges.Add(requestB.Complete(reviewer, accountB, null, now, ClosureDeadlines.Default));

        await first.SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));

        Assert.Equal(1, await StatusChangesAsync(account));
        Assert.Equal(ClosureState.Completed, await county.QueryAsync(db => db.ClosureRequests.Where(r => r.Id == id).Select(r => r.State).SingleAsync(Ct)));
    }

    [Fact]
    public async Task CompleteThroughTheHandlerInParallel_OneSucceeds_TheOtherIsToldWhy()
    {
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳并行点击", Platform.Kuaishou);
        var id = await county.Harness().DeregisteredAsync(account, county);

        // Two handlers (two circuits) click at the same moment.
        var results = await Task.WhenAll(
            Outcome(county.Harness().Complete.HandleAsync(id, county.Reviewer, Ct)),
            Outcome(county.Harness().Complete.HandleAsync(id, county.Reviewer, Ct)));

        Assert.Single(results, r => r is null);
        var refusal = Assert.Single(results, r => r is not null);
        Assert.True(refusal is ClosureError.ChangedByAnotherUser or ClosureError.IllegalTransition, $"Unexpected refusal {refusal}");
        Assert.Equal(1, await StatusChangesAsync(account));
        Assert.Equal(1, await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "closure.completed" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct)));
    }

    [Fact]
    public async Task CompleteMerge_MergesIntoTheHub_AsOfTheDeregistrationDay()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳并入测试", Platform.Douyin);
        var id = await harness.DeregisteredAsync(account, county, ClosureKind.Merge, county.DouyinHub.Id);
        harness.Clock.Advance(TimeSpan.FromDays(2));

        await harness.Complete.HandleAsync(id, county.Reviewer, Ct);

        var stored = await county.QueryAsync(db => db.Accounts.SingleAsync(a => a.Id == account.Id, Ct));
        Assert.Equal(AccountStatus.Merged, stored.Status);
        Assert.Equal(county.DouyinHub.Id, stored.MergedIntoAccountId);
        Assert.Equal(new DateOnly(2026, 11, 23), stored.StatusChangedOn);
        var change = await county.QueryAsync(db => db.AccountStatusChanges.SingleAsync(c => c.AccountId == account.Id, Ct));
        Assert.Equal(county.DouyinHub.Id, change.MergedIntoAccountId);
        Assert.Equal($"关停申请 #{id}", change.Reason);
    }

    [Fact]
    public async Task Complete_NotifiesTheClerk()
    {
        var harness = county.Harness();
        var account = await county.Build.AccountAsync(county.Wangyue, "望岳完成通知", Platform.Toutiao);
        var id = await harness.DeregisteredAsync(account, county);

        await harness.Complete.HandleAsync(id, county.Reviewer, Ct);

        var kinds = await county.QueryAsync(db => db.Notifications
            .Where(n => n.Link == $"closures/{id}").OrderBy(n => n.Id).Select(n => n.Recipient + ":" + n.Kind).ToListAsync(Ct));
        Assert.Equal(
            ["reviewer:closure.submitted", "clerk.wangyue:closure.approved", "reviewer:closure.notice_posted", "reviewer:closure.deregistered", "clerk.wangyue:closure.completed"],
            kinds);
    }

    private static async Task<ClosureError?> Outcome(Task completion)
    {
        try
        {
            await completion;
            return null;
        }
        catch (ClosureException ex)
        {
            return ex.Error;
        }
    }

    private static async Task<(ClosureRequest Request, Account Account)> LoadAsync(Infrastructure.Persistence.RegistryDbContext db, int id)
    {
        var request = await db.ClosureRequests.Include(r => r.Account).SingleAsync(r => r.Id == id);
        return (request, request.Account!);
    }

    private Task<int> StatusChangesAsync(Account account) =>
        county.QueryAsync(db => db.AccountStatusChanges.CountAsync(c => c.AccountId == account.Id, Ct));
}
