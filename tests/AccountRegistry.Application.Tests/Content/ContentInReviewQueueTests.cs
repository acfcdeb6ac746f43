using AccountRegistry.Domain.Content;

namespace AccountRegistry.Application.Tests.Content;

public sealed class ContentInReviewQueueTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReviewQueue_ShowsContentFlagsAlongsideRuleFlags_AndFiltersByThem_WithoutChangingRecommendations()
    {
        await using var world = await ContentWorld.CreateAsync();
        await world.TermAsync(ContentTermKind.Banned, "代开发票");
        var withFinding = await world.Build.AccountAsync(world.Wangyue, "望岳优生活", operatorName: null);
        var without = await world.Build.AccountAsync(world.Lianhua, "莲花优生活", operatorName: null);
        await world.PostAsync(withFinding, "代开发票，电话13812345678");
        await world.PostAsync(without, "垃圾分类宣传。");
        var evaluation = world.Get<Application.Rules.RunEvaluation.Handler>();
        await evaluation.HandleAsync(new(new DateOnly(2026, 11, 23), "test"), Token);
        var queue = world.Get<Application.Reviews.ReviewQueue.Handler>();
        var before = await queue.HandleAsync(new() { Filter = new() { State = Application.Reviews.ReviewQueue.State.All } }, ContentWorld.Reviewer, Token);

        await world.InspectAsync();
        await evaluation.HandleAsync(new(new DateOnly(2026, 11, 23), "test"), Token);
        var all = await queue.HandleAsync(new() { Filter = new() { State = Application.Reviews.ReviewQueue.State.All } }, ContentWorld.Reviewer, Token);
        var banned = await queue.HandleAsync(new() { Filter = new() { State = Application.Reviews.ReviewQueue.State.All, ContentCheck = ContentCheck.Banned } }, ContentWorld.Reviewer, Token);
        var links = await queue.HandleAsync(new() { Filter = new() { State = Application.Reviews.ReviewQueue.State.All, ContentCheck = ContentCheck.ExternalLink } }, ContentWorld.Reviewer, Token);

        var row = Assert.Single(all.Page.Items, r => r.AccountId == withFinding.Id);
        Assert.Equal([ContentCheck.Privacy, ContentCheck.Banned], row.ContentFlags.Order());
        Assert.Empty(Assert.Single(all.Page.Items, r => r.AccountId == without.Id).ContentFlags);
        Assert.Equal([withFinding.Id], banned.Page.Items.Select(r => r.AccountId));
        Assert.Empty(links.Page.Items);
        Assert.Equal(
            before.Page.Items.Select(r => (r.AccountId, r.Recommendation, string.Join(",", r.Rules))),
            all.Page.Items.Select(r => (r.AccountId, r.Recommendation, string.Join(",", r.Rules))));
    }
}
