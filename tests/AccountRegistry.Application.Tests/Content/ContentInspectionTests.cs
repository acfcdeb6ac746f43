using AccountRegistry.Application.Common;
using AccountRegistry.Application.Content;
using AccountRegistry.Application.Imports;
using AccountRegistry.Domain.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Content;

public sealed class ContentInspectionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportedPosts_AreChecked_AndEveryFindingKeepsItsEvidence()
    {
        await using var world = await ContentWorld.CreateAsync();
        await world.TermAsync(ContentTermKind.OfficialName, "岳麓区", "岳鹿区");
        await world.TermAsync(ContentTermKind.Banned, "代开发票");
        await world.TermAsync(ContentTermKind.AllowedDomain, "gov.cn");
        var account = await world.AccountAsync(world.Wangyue, "望岳优生活");
        const string text = "嶽鹿區通知：联系人电话13812345678，代 开 发 票者勿扰，详见 http://shop.example.com 与 http://www.hunan.gov.cn";
        var post = await world.PostAsync(account, text, title: "通知");
        var clean = await world.PostAsync(account, "岳麓区开展垃圾分类宣传活动。");

        var run = await world.InspectAsync();

        var findings = await world.FindingsAsync();
        Assert.Equal(2, run.Posts);
        Assert.All(findings, f => Assert.Equal(post.Id, f.PostId));
        Assert.All(findings, f => Assert.Equal(account.Id, f.AccountId));
        Assert.Equal(
            [
                (ContentCheck.NameError, "岳麓区", 0, "嶽鹿區"),
                (ContentCheck.Privacy, PrivacyKinds.Mobile, 11, "13812345678"),
                (ContentCheck.Banned, "代开发票", 23, "代 开 发 票"),
                (ContentCheck.ExternalLink, "shop.example.com", 37, "http://shop.example.com"),
            ],
            findings.Select(f => (f.Check, f.Detail, f.Position, f.MatchedText)));
        Assert.All(findings, f => Assert.Equal(f.MatchedText, text.Substring(f.Position, f.MatchedText.Length)));
        Assert.All(findings, f => Assert.Equal(ContentFindingStatus.Open, f.Status));
        Assert.DoesNotContain(findings, f => f.PostId == clean.Id);
        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM content_check_queue"));
    }

    [Fact]
    public async Task SmallBatches_CheckEveryQueuedPostOnce()
    {
        await using var world = await ContentWorld.CreateAsync();
        var account = await world.AccountAsync(world.Lianhua, "莲花优生活");
        for (var i = 0; i < 7; i++)
        {
            await world.PostAsync(account, $"第{i}期：咨询电话1391234567{i}");
        }

        var run = await world.InspectAsync(batchSize: 3);
        var again = await world.InspectAsync(batchSize: 3);

        Assert.Equal(7, run.Posts);
        Assert.Equal(0, again.Posts);
        Assert.Equal(7, (await world.FindingsAsync()).Count(f => f.Detail == PrivacyKinds.Mobile));
    }

    [Fact]
    public async Task ListChange_RechecksStoredPosts_AndRemovedEntriesTakeTheirOpenFindings()
    {
        await using var world = await ContentWorld.CreateAsync();
        var account = await world.AccountAsync(world.Wangyue, "望岳优生活");
        await world.PostAsync(account, "警惕赌博网站诱导。");
        await world.InspectAsync();
        Assert.Empty(await world.FindingsAsync());

        var term = await world.TermAsync(ContentTermKind.Banned, "赌博网站");
        Assert.Equal(1, await world.ScalarAsync("SELECT count(*) FROM content_check_queue"));
        await world.InspectAsync();
        var found = Assert.Single(await world.FindingsAsync());

        await world.Get<ContentTerms.Handler>().DeleteAsync(term.Id, term.Version, ContentWorld.Admin, Token);
        await world.InspectAsync();

        Assert.Equal("赌博网站", found.MatchedText);
        Assert.Empty(await world.FindingsAsync());
    }

    [Fact]
    public async Task EditedPost_IsCheckedAgain_ByTheTrigger()
    {
        await using var world = await ContentWorld.CreateAsync();
        var account = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var post = await world.PostAsync(account, "无敏感信息。");
        await world.InspectAsync();

        await world.UpdatePostAsync(post.Id, p => p.Content = "联系身份证号430104199001011230的居民。");
        await world.InspectAsync();

        var found = Assert.Single(await world.FindingsAsync());
        Assert.Equal(PrivacyKinds.IdNumber, found.Detail);
        Assert.Equal(6, found.Position);
    }

    [Fact]
    public async Task DecidedFindings_SurviveARecheck_AndRecordWhoWhenWhy()
    {
        await using var world = await ContentWorld.CreateAsync();
        var account = await world.AccountAsync(world.Wangyue, "望岳优生活");
        await world.PostAsync(account, "热线13812345678，备用13912345678。");
        await world.InspectAsync();
        var list = world.Get<ContentFindingList.Handler>();
        var open = (await list.ListAsync(new ContentFindingList.Filter(), ContentWorld.Reviewer, cancellationToken: Token)).Items;
        var decide = world.Get<DecideContentFinding.Handler>();

        await decide.DecideAsync(new(open[0].Id, DecideContentFinding.Verdict.Confirm, "泄露个人手机号", open[0].Version), ContentWorld.Reviewer, Token);
        await decide.DecideAsync(new(open[1].Id, DecideContentFinding.Verdict.FalseAlarm, "单位公开热线", open[1].Version), ContentWorld.Reviewer, Token);
        await ContentRecheck.QueueAllAsync(world.Get<Infrastructure.RegistryConnection>(), Token);
        await world.InspectAsync();

        var findings = await world.FindingsAsync();
        Assert.Equal([ContentFindingStatus.Confirmed, ContentFindingStatus.FalseAlarm], findings.Select(f => f.Status));
        Assert.Equal(["泄露个人手机号", "单位公开热线"], findings.Select(f => f.DecisionNote));
        Assert.All(findings, f => Assert.Equal("reviewer", f.DecidedBy));
        Assert.All(findings, f => Assert.Equal(world.Clock.GetUtcNow(), f.DecidedAt));
        Assert.Equal(2, await world.ScalarAsync("SELECT count(*) FROM audit_entries WHERE entity_type = 'content_finding' AND actor = 'reviewer'"));
    }

    [Fact]
    public async Task Decisions_NeedAReasonForAFalseAlarm_AndNeverOverwriteAnother()
    {
        await using var world = await ContentWorld.CreateAsync();
        var account = await world.AccountAsync(world.Wangyue, "望岳优生活");
        await world.PostAsync(account, "热线13812345678。");
        await world.InspectAsync();
        var row = Assert.Single((await world.Get<ContentFindingList.Handler>().ListAsync(new ContentFindingList.Filter(), ContentWorld.Reviewer, cancellationToken: Token)).Items);
        var decide = world.Get<DecideContentFinding.Handler>();

        await Assert.ThrowsAsync<ContentTermInvalidException>(() => decide.DecideAsync(new(row.Id, DecideContentFinding.Verdict.FalseAlarm, " ", row.Version), ContentWorld.Reviewer, Token));
        await decide.DecideAsync(new(row.Id, DecideContentFinding.Verdict.Confirm, null, row.Version), ContentWorld.Reviewer, Token);
        await Assert.ThrowsAsync<ContentTermConflictException>(() => decide.DecideAsync(new(row.Id, DecideContentFinding.Verdict.FalseAlarm, "不是", row.Version), ContentWorld.Admin, Token));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => decide.DecideAsync(new(row.Id, DecideContentFinding.Verdict.Confirm, null, row.Version), world.ClerkOf(world.Wangyue), Token));

        Assert.Equal(ContentFindingStatus.Confirmed, Assert.Single(await world.FindingsAsync()).Status);
    }

    [Fact]
    public async Task FindingsAndCounts_AreLimitedToTheUsersScope()
    {
        await using var world = await ContentWorld.CreateAsync();
        await world.TermAsync(ContentTermKind.Banned, "代开发票");
        var wangyue = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var lianhua = await world.AccountAsync(world.Lianhua, "莲花优生活");
        await world.PostAsync(wangyue, "代开发票，电话13812345678");
        await world.PostAsync(lianhua, "代开发票");
        await world.InspectAsync();
        var counts = world.Get<ContentFindingCounts.Handler>();
        var list = world.Get<ContentFindingList.Handler>();

        var all = await counts.CountAsync(ContentWorld.Reviewer, Token);
        var clerk = await counts.CountAsync(world.ClerkOf(world.Lianhua), Token);
        var clerkRows = await list.ListAsync(new ContentFindingList.Filter(), world.ClerkOf(world.Lianhua), cancellationToken: Token);
        var banned = await list.ListAsync(new ContentFindingList.Filter(Check: ContentCheck.Banned), ContentWorld.Reviewer, cancellationToken: Token);

        Assert.Equal((2, 1), (all.Of(ContentCheck.Banned).Open, all.Of(ContentCheck.Privacy).Open));
        Assert.Equal((1, 0), (clerk.Of(ContentCheck.Banned).Open, clerk.Of(ContentCheck.Privacy).Open));
        Assert.Equal([lianhua.Id], clerkRows.Items.Select(r => r.AccountId));
        Assert.Equal(2, banned.TotalCount);
        Assert.All(banned.Items, r => Assert.Equal(ContentCheck.Banned, r.Check));
    }

    [Fact]
    public async Task ListEdits_AreAdminOnly_Validated_AndKeptInTheHistory()
    {
        await using var world = await ContentWorld.CreateAsync();
        var terms = world.Get<ContentTerms.Handler>();

        var added = await world.TermAsync(ContentTermKind.OfficialName, "王建国", "王建图");
        var updated = await terms.SaveAsync(new(added.Id, ContentTermKind.OfficialName, "王建国", ["王建图", "汪建国"], "区长", added.Version), ContentWorld.Admin, Token);
        var stale = terms.SaveAsync(new(added.Id, ContentTermKind.OfficialName, "王建国", ["王健国"], null, added.Version), ContentWorld.Admin, Token);
        var invalid = terms.SaveAsync(new(null, ContentTermKind.OfficialName, "王建国", ["王 建 國"], null, null), ContentWorld.Admin, Token);
        var byReviewer = terms.SaveAsync(new(null, ContentTermKind.Banned, "赌博", [], null, null), ContentWorld.Reviewer, Token);

        await Assert.ThrowsAsync<ContentTermConflictException>(() => stale);
        var problem = Assert.Single((await Assert.ThrowsAsync<ContentTermInvalidException>(() => invalid)).Problems);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => byReviewer);
        Assert.Equal("wrong_forms", problem.Field);
        Assert.Equal(["王建图", "汪建国"], Assert.Single(await terms.ListAsync(ContentTermKind.OfficialName, ContentWorld.Reviewer, Token)).WrongForms);
        Assert.Equal(["content_term.updated", "content_term.created"], (await terms.HistoryAsync(ContentWorld.Admin, cancellationToken: Token)).Select(h => h.Action));
        Assert.NotEqual(added.Version, updated.Version);
    }

    [Fact]
    public async Task Spreadsheet_RoundTrips_AndABadRowImportsNothingNamingRowAndField()
    {
        await using var world = await ContentWorld.CreateAsync();
        await world.TermAsync(ContentTermKind.OfficialName, "岳麓区", "岳鹿区", "乐麓区");
        await world.TermAsync(ContentTermKind.AllowedDomain, "gov.cn");
        var sheet = world.Get<ContentTermSpreadsheet.Handler>();
        using var exported = new MemoryStream();
        await sheet.ExportAsync(exported, ContentWorld.Reviewer, Token);

        exported.Position = 0;
        var same = await sheet.ImportAsync(exported, ContentWorld.Admin, Token);
        using var bad = await Workbook(
            new { kind = "banned", term = "代开发票", wrong_forms = "", note = "" },
            new { kind = "slogan", term = "口号", wrong_forms = "", note = "" },
            new { kind = "allowed_domain", term = "不是域名", wrong_forms = "", note = "" });
        var failure = await Assert.ThrowsAsync<ContentTermInvalidException>(() => sheet.ImportAsync(bad, ContentWorld.Admin, Token));
        using var good = await Workbook(
            new { kind = "banned", term = "代开发票", wrong_forms = "", note = "税务" },
            new { kind = "official_name", term = "岳麓区", wrong_forms = "岳鹿区；乐麓区、越麓区", note = "" });
        var imported = await sheet.ImportAsync(good, ContentWorld.Admin, Token);

        Assert.Equal((2, 0, 0, 2), (same.Rows, same.Added, same.Updated, same.Unchanged));
        Assert.Equal([(3, "kind"), (4, "term")], failure.Problems.Select(p => (p.Row ?? 0, p.Field)));
        Assert.Equal((1, 1), (imported.Added, imported.Updated));
        var names = await world.Get<ContentTerms.Handler>().ListAsync(ContentTermKind.OfficialName, ContentWorld.Admin, Token);
        Assert.Equal(["岳鹿区", "乐麓区", "越麓区"], Assert.Single(names).WrongForms);
        Assert.Equal(1, await world.ScalarAsync($"SELECT count(*) FROM audit_entries WHERE action = '{ContentTermSpreadsheet.ImportAction}' AND summary LIKE '2 rows: 1 added, 1 updated%'"));
    }

    [Fact]
    public async Task Inspector_IsAnImportListener_NextToTheNearDuplicateDetector()
    {
        await using var world = await ContentWorld.CreateAsync();
        using var scope = world.Services.CreateScope();

        var listeners = scope.ServiceProvider.GetServices<IPostImportListener>().ToList();

        Assert.Contains(listeners, l => l is ContentInspector);
        Assert.Contains(listeners, l => l is Application.Duplicates.NearDuplicateDetector);
    }

    [Fact]
    public async Task Findings_NeverReachTheRules()
    {
        await using var world = await ContentWorld.CreateAsync();
        await world.TermAsync(ContentTermKind.Banned, "代开发票");
        var account = await world.AccountAsync(world.Wangyue, "望岳优生活");
        await world.PostAsync(account, "代开发票 13812345678");
        await world.InspectAsync();

        await world.Get<Application.Rules.RunEvaluation.Handler>().HandleAsync(new(new DateOnly(2026, 11, 23), "test"), Token);

        Assert.Equal(2, await world.ScalarAsync("SELECT count(*) FROM content_findings"));
        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM flags WHERE rule LIKE 'CONTENT%'"));
        Assert.Equal(0, await world.ScalarAsync("SELECT count(*) FROM evaluation_results WHERE rules::text LIKE '%CONTENT%'"));
    }

    private static async Task<MemoryStream> Workbook(params object[] rows)
    {
        var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, rows, cancellationToken: Token);
        stream.Position = 0;
        return stream;
    }
}
