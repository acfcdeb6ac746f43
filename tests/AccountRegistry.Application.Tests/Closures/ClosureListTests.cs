using AccountRegistry.Application.Closures;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Tests.Closures;

/// <summary>Lists, due dates, overdue marks and reminders. Each test uses its own fixture database (one class), so counts are exact.</summary>
public sealed class ClosureListTests(ClosureFixture county) : IClassFixture<ClosureFixture>
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_Inbox_Overdue_Reminders_AndTheBell()
    {
        var harness = county.Harness();
        var draft = await File("望岳草稿", submit: false);
        var submitted = await File("望岳已提交", submit: true);
        var approved = await File("望岳已批准", submit: true);
        await harness.Decide.HandleAsync(new DecideClosureRequest.Command(approved, DecideClosureRequest.Decision.Approve, "同意"), county.Reviewer, Ct);
        var lianhua = await harness.File.HandleAsync(
            harness.CloseCommand(await county.Build.AccountAsync(county.Lianhua, "莲花已提交", Platform.Weibo)), county.ClerkLianhua, Ct);

        // The clerk's list: own subtree only, open requests, soonest due first, with the next step.
        var clerkList = await harness.List.HandleAsync(new ClosureRequestList.Query(), county.ClerkWangyue, Ct);
        Assert.Equal([draft, submitted, approved], clerkList.Items.Select(r => r.Id));
        Assert.Equal(
            [ClosureNextStep.ClerkSubmits, ClosureNextStep.ReviewerDecides, ClosureNextStep.ClerkPostsNotice],
            clerkList.Items.Select(r => r.NextStep));
        Assert.All(clerkList.Items, r => Assert.Equal(new DateOnly(2026, 11, 30), r.DueOn));
        Assert.All(clerkList.Items, r => Assert.False(r.IsOverdue));

        // The reviewer's inbox: what waits for a reviewer, across the district.
        var inbox = await harness.List.HandleAsync(new ClosureRequestList.Query { View = ClosureRequestList.View.Inbox }, county.Reviewer, Ct);
        Assert.Equal([submitted, lianhua], inbox.Items.Select(r => r.Id).Order());

        // Six working days later everything is overdue; the lists say so and the people whose turn it is get one reminder.
        var later = county.Harness(ClosureHarness.MondayMorning());
        later.Clock.Advance(TimeSpan.FromDays(8));
        var overdue = await later.List.HandleAsync(new ClosureRequestList.Query { OverdueOnly = true }, county.ClerkWangyue, Ct);
        Assert.Equal(3, overdue.TotalCount);
        Assert.All(overdue.Items, r => Assert.True(r.IsOverdue));

        var raised = await later.Reminders.RaiseAsync(Ct);
        var again = await later.Reminders.RaiseAsync(Ct);

        var reminders = await county.QueryAsync(db => db.Notifications.Where(n => n.Kind == OverdueReminders.Kind)
            .Select(n => n.Recipient + ":" + n.Link).ToListAsync(Ct));
        Assert.Equal(4, raised);
        Assert.Equal(0, again);
        Assert.Equal(
            new[] { $"clerk.wangyue:closures/{draft}", $"clerk.wangyue:closures/{approved}", $"reviewer:closures/{submitted}", $"reviewer:closures/{lianhua}" }.Order(StringComparer.Ordinal),
            reminders.Order(StringComparer.Ordinal));

        // The bell: the clerk's unread (approval + two reminders), newest first; marking read is per user.
        var bell = await later.Inbox.GetAsync(county.ClerkWangyue, 10, Ct);
        Assert.Equal(3, bell.UnreadCount);
        Assert.Equal(OverdueReminders.Kind, bell.Latest[0].Kind);
        var approval = bell.Latest.Single(n => n.Kind == "closure.approved");
        await later.Inbox.MarkReadAsync(approval.Id, county.Reviewer, Ct);
        Assert.Equal(3, (await later.Inbox.GetAsync(county.ClerkWangyue, 10, Ct)).UnreadCount);
        await later.Inbox.MarkReadAsync(approval.Id, county.ClerkWangyue, Ct);
        Assert.Equal(2, (await later.Inbox.GetAsync(county.ClerkWangyue, 10, Ct)).UnreadCount);
        Assert.Equal(2, await later.Inbox.MarkAllReadAsync(county.ClerkWangyue, Ct));
        Assert.Equal(0, (await later.Inbox.GetAsync(county.ClerkWangyue, 10, Ct)).UnreadCount);

        // Paging and search happen in SQL.
        var page2 = await harness.List.HandleAsync(new ClosureRequestList.Query { PageSize = 2, Page = 2 }, county.Reviewer, Ct);
        Assert.Equal(4, page2.TotalCount);
        Assert.Equal(2, page2.Items.Count);
        var found = await harness.List.HandleAsync(new ClosureRequestList.Query { Search = "莲花" }, county.Reviewer, Ct);
        Assert.Equal([lianhua], found.Items.Select(r => r.Id));

        async Task<int> File(string name, bool submit) =>
            await harness.File.HandleAsync(harness.CloseCommand(await county.Build.AccountAsync(county.Wangyue, name, Platform.Weibo), submit), county.ClerkWangyue, Ct);
    }
}
