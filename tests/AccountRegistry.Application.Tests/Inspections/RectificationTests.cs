using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Application.Units;
using AccountRegistry.Application.Tests.Filings;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccountRegistry.Application.Tests.Inspections;

/// <summary>
/// 整改 against real PostgreSQL, on the filing fixture's county (岳麓区 B-C with 望岳街道 B-S): a round is opened,
/// run, given a manual veto and published; its failing accounts become tasks in the same save.
/// Over 300 lines: the tests share the published round this fixture's county gets and its helpers.
/// </summary>
public sealed class RectificationTests(FilingFixture fixture) : IClassFixture<FilingFixture>
{
    private static readonly UserScope Reviewer = new("reviewer", new HashSet<string>([Roles.Reviewer]), null, "/");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Get<T>(AsyncServiceScope services)
        where T : notnull => services.ServiceProvider.GetRequiredService<T>();

    private async Task<(int Id, string Path)> UnitAsync(string code) =>
        await fixture.QueryAsync(db => db.Units.Where(u => u.Code == code).Select(u => new ValueTuple<int, string>(u.Id, u.Path)).SingleAsync(Ct));

    private async Task<UserScope> ClerkOfStreetAsync()
    {
        var (id, path) = await UnitAsync("B-S");
        return new UserScope("clerk.wangyue", new HashSet<string>([Roles.Clerk]), id, path);
    }

    /// <summary>A clerk of another township of the same county (a path beside 望岳街道's).</summary>
    private async Task<UserScope> ClerkElsewhereAsync()
    {
        var (id, path) = await UnitAsync("B-C");
        return new UserScope("clerk.lianhua", new HashSet<string>([Roles.Clerk]), 99999, path + "99999/");
    }

    /// <summary>Opens, runs and publishes a round over the district with a manual veto on 望岳发布 (gh_a); returns the round's id.</summary>
    private async Task<long> PublishedRoundAsync()
    {
        await using var services = fixture.Services.CreateAsyncScope();
        var (county, _) = await UnitAsync("B-C");
        var opened = await Get<OpenInspectionRound.Handler>(services).HandleAsync(
            new OpenInspectionRound.Command("第四季度抽查", new DateOnly(2026, 11, 20), RoundScope.District, [county], RoundSampling.AllLive, null, 9), Reviewer, Ct);
        var version = await fixture.QueryAsync(db => db.InspectionRounds.Where(r => r.Id == opened.RoundId).Select(r => r.Version).SingleAsync(Ct));
        var run = await Get<RunInspectionRound.Handler>(services).HandleAsync(new(opened.RoundId, version), Reviewer, Ct);
        var account = await fixture.QueryAsync(db => db.Accounts.Where(a => a.PlatformAccountId == "gh_a").Select(a => a.Id).SingleAsync(Ct));
        var finding = await Get<AddRoundFinding.Handler>(services).HandleAsync(
            new(opened.RoundId, run.Version, account, ManualFindingKind.Veto, ManualFindingItem.BrokenMenu, 0, "菜单打不开", "menu.png", new MemoryStream(Png)), Reviewer, Ct);
        await Get<PublishInspectionRound.Handler>(services).HandleAsync(new(opened.RoundId, finding.Version), Reviewer, Ct);
        return opened.RoundId;
    }

    private async Task<RectificationTask> TaskOfAsync(long roundId, string platformAccountId) =>
        await fixture.QueryAsync(db => db.RectificationTasks.AsNoTracking()
            .Where(t => t.RoundId == roundId && db.Accounts.Any(a => a.Id == t.AccountId && a.PlatformAccountId == platformAccountId)).SingleAsync(Ct));

    [Fact]
    public async Task Publish_CreatesOneTaskPerFailingAccount_DueTenWorkingDaysLater_InTheSameSave()
    {
        var roundId = await PublishedRoundAsync();
        await using var services = fixture.Services.CreateAsyncScope();
        var results = await Get<InspectionRoundResults.Handler>(services).HandleAsync(roundId, 1, 200, Reviewer, Ct);
        var failing = results.Rows.Items.Where(r => r.Result == InspectionResultKind.Fail).Select(r => r.AccountId).Order().ToList();

        var tasks = await fixture.QueryAsync(db => db.RectificationTasks.AsNoTracking().Where(t => t.RoundId == roundId).ToListAsync(Ct));

        Assert.NotEmpty(failing);
        Assert.Equal(failing, tasks.Select(t => t.AccountId).Order().ToList());
        Assert.All(tasks, t => Assert.Equal(RectificationState.Open, t.State));

        // Published Monday 2026-11-23 (the fixture's clock): ten working days later is Monday 2026-12-07.
        Assert.All(tasks, t => Assert.Equal(new DateOnly(2026, 12, 7), t.DueOn));
        var menu = await TaskOfAsync(roundId, "gh_a");
        Assert.Contains("MANUAL_BROKEN_MENU", menu.Problems);
        Assert.Contains("VETO_NOT_UPDATED", menu.Problems);
        Assert.DoesNotContain("DEDUCT_NOT_FILED", menu.Problems); // 望岳发布 has its filing number
        var unfiled = await TaskOfAsync(roundId, "ks_1");
        Assert.Contains("DEDUCT_NOT_FILED", unfiled.Problems); // deductions are named too
        Assert.All(tasks, t => Assert.Equal(t.Problems.Distinct().Order(StringComparer.Ordinal), t.Problems));
        Assert.Equal((await UnitAsync("B-S")).Id, unfiled.UnitId);
        Assert.Equal((await UnitAsync("B-S")).Id, menu.UnitId);
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM audit_entries WHERE action = 'rectification.created' AND entity_id = '{roundId}' AND (details->>'tasks')::int = {tasks.Count}"));
    }

    [Fact]
    public async Task Clerk_AnswersWithEvidence_ReviewerSendsBack_ThenAccepts_EveryStepAudited()
    {
        var roundId = await PublishedRoundAsync();
        var task = await TaskOfAsync(roundId, "gh_a");
        var clerk = await ClerkOfStreetAsync();
        await using var services = fixture.Services.CreateAsyncScope();
        var answer = Get<AnswerRectification.Handler>(services);
        var review = Get<ReviewRectification.Handler>(services);

        var executable = await Assert.ThrowsAsync<ClosureException>(() => answer.HandleAsync(
            new(task.Id, task.Version, "已修复", [new EvidenceUpload("fix.png", null, new MemoryStream("MZ\x90\0"u8.ToArray()))]), clerk, Ct));
        var noEvidence = await Assert.ThrowsAsync<RectificationException>(() => answer.HandleAsync(new(task.Id, task.Version, "已修复", []), clerk, Ct));
        var reviewerAnswers = await Assert.ThrowsAsync<RectificationException>(() => answer.HandleAsync(
            new(task.Id, task.Version, "已修复", [new EvidenceUpload("fix.png", null, new MemoryStream(Png))]), Reviewer, Ct));
        var v1 = await answer.HandleAsync(new(task.Id, task.Version, "菜单已修复", [new EvidenceUpload("fix.png", null, new MemoryStream(Png))]), clerk, Ct);
        var clerkAccepts = await Assert.ThrowsAsync<RectificationException>(() => review.HandleAsync(new(task.Id, v1, true, null), clerk, Ct));
        var v2 = await review.HandleAsync(new(task.Id, v1, false, "截图不清楚"), Reviewer, Ct);
        var v3 = await answer.HandleAsync(new(task.Id, v2, "重新截图", [new EvidenceUpload("fix2.png", null, new MemoryStream(Png))]), clerk, Ct);
        await review.HandleAsync(new(task.Id, v3, true, null), Reviewer, Ct);

        Assert.Contains(ClosureError.AttachmentIsExecutable, executable.Errors);
        Assert.Equal(RectificationError.EvidenceRequired, noEvidence.Error);
        Assert.Equal(RectificationError.NotYourStep, reviewerAnswers.Error);
        Assert.Equal(RectificationError.NotYourStep, clerkAccepts.Error);
        var detail = await Get<RectificationTaskDetail.Handler>(services).HandleAsync(task.Id, Reviewer, Ct);
        Assert.Equal(RectificationState.Accepted, detail.State);
        Assert.Equal(["fix.png", "fix2.png"], detail.Files.Select(f => f.FileName));
        Assert.Equal(
            [RectificationAction.Answered, RectificationAction.SentBack, RectificationAction.Answered, RectificationAction.Accepted],
            detail.Steps.Select(s => s.Action));
        Assert.Equal(
            ["rectification.answered", "rectification.sent_back", "rectification.answered", "rectification.accepted"],
            await fixture.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "rectification_task" && a.EntityId == task.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct)));
        Assert.Equal(Png, (await Get<RectificationTaskDetail.Handler>(services).DownloadAsync(task.Id, detail.Files[0].Id, clerk, Ct)).Content);
    }

    [Fact]
    public async Task FindingScreenshot_ForTheRoundsReviewer_AndThoseWhoSeeTheTask_NotFoundForOthers()
    {
        var roundId = await PublishedRoundAsync();
        var task = await TaskOfAsync(roundId, "gh_a");
        var finding = await fixture.QueryAsync(db => db.InspectionRoundFindings.Where(f => f.RoundId == roundId && f.AccountId == task.AccountId).Select(f => f.Id).SingleAsync(Ct));
        await using var services = fixture.Services.CreateAsyncScope();
        var screenshots = Get<RoundFindingScreenshot.Handler>(services);
        var clerk = await ClerkOfStreetAsync();
        var leader = new UserScope("leader", new HashSet<string>([Roles.Leader]), null, "/");
        var leaderElsewhere = new UserScope("leader.lianhua", new HashSet<string>([Roles.Leader]), 99999, (await ClerkElsewhereAsync()).VisiblePathPrefix);

        var reviewers = await screenshots.DownloadAsync(roundId, finding, Reviewer, Ct);
        var clerks = await screenshots.DownloadAsync(roundId, finding, clerk, Ct);
        var leaders = await screenshots.DownloadAsync(roundId, finding, leader, Ct);
        var detail = await Get<RectificationTaskDetail.Handler>(services).HandleAsync(task.Id, clerk, Ct);

        Assert.Equal(Png, reviewers.Content);
        Assert.Equal(("menu.png", "image/png"), (reviewers.FileName, reviewers.ContentType));
        Assert.Equal(Png, clerks.Content);
        Assert.Equal(Png, leaders.Content);
        Assert.Equal(finding, Assert.Single(detail.Findings).Id);
        var elsewhere = await ClerkElsewhereAsync();
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => screenshots.DownloadAsync(roundId, finding, elsewhere, Ct));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => screenshots.DownloadAsync(roundId, finding, leaderElsewhere, Ct));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => screenshots.DownloadAsync(roundId + 1000, finding, Reviewer, Ct));
    }

    [Fact]
    public async Task Template_UnknownFieldsRefusedByName_StaleSaveRefused_AuditedAndFrozenOnTheRoundAtPublishing()
    {
        var ct = Ct;
        var (county, _) = await UnitAsync("B-C");
        await using var services = fixture.Services.CreateAsyncScope();
        var editor = Get<ReportTemplateEditor.Handler>(services);
        var wording = new ReportTemplateText("{轮次名称}通报", "共检查{检查数}个，{单位数}家单位，合格率{通过率}。", "请于{整改期限}前整改。\n第二段。", "岳麓区委网信办", "{发布日期}");

        var unknown = await Assert.ThrowsAsync<ReportTemplateInvalidException>(() => editor.SaveAsync(
            new(county, wording with { Requirements = "请于{整改日期}前整改，{合格数}，{ 检查数}" }, null), Reviewer, ct));
        var clerk = await Assert.ThrowsAsync<NotFoundOrForbiddenException>(async () => await editor.SaveAsync(new(county, wording, null), await ClerkOfStreetAsync(), ct));
        var saved = await editor.SaveAsync(new(county, wording, null), Reviewer, ct);
        var stale = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => editor.SaveAsync(new(county, wording with { Title = "别的" }, null), Reviewer, ct));
        var round = await PublishedRoundAsync();
        await editor.SaveAsync(new(county, wording with { Title = "改过的{轮次名称}" }, saved.Version), Reviewer, ct);
        var report = await Get<InspectionRoundReport.Handler>(services).HandleAsync(round, Reviewer, cancellationToken: ct);

        Assert.Equal(
            [new ReportTemplateProblem(ReportTemplatePart.Requirements, "整改日期"), new ReportTemplateProblem(ReportTemplatePart.Requirements, " 检查数")],
            unknown.Problems);
        Assert.NotNull(clerk);
        Assert.NotNull(stale);
        Assert.Equal(wording, report.Template); // as it stood at publishing, not the later edit
        Assert.Equal("改过的{轮次名称}", (await editor.GetAsync(county, Reviewer, ct)).Text!.Title);
        Assert.Equal(2, await fixture.ScalarAsync($"SELECT count(*) FROM audit_entries WHERE action = '{ReportTemplateEditor.AuditAction}' AND entity_id = '{county}'"));
        Assert.True(report.Units > 0);
        Assert.Equal("第四季度抽查通报", wording.Fill(ReportTemplatePart.Title, new Dictionary<string, string> { ["轮次名称"] = report.Title }));
    }

    [Fact]
    public async Task Template_OfOneCounty_IsNotFrozenOnARoundOverSeveralCounties()
    {
        // A county of its own, so that the other template test's county (B-C) keeps its history and version.
        var (street, _) = await UnitAsync("B-S");
        var other = await fixture.InsertAsync(new Unit { Code = "B-C2", Name = "望城区人民政府", Level = UnitLevel.County });
        var otherTownship = await fixture.InsertAsync(new Unit { Code = "B-C2-T", Name = "白箬铺镇", Level = UnitLevel.Township, ParentId = other.Id });
        await fixture.QueryAsync(db => UnitPaths.RecomputeAsync(db));
        await using var services = fixture.Services.CreateAsyncScope();
        var editor = Get<ReportTemplateEditor.Handler>(services);
        await editor.SaveAsync(new(other.Id, new ReportTemplateText("望城{轮次名称}", "共{检查数}个。", "整改。", "望城区委网信办", "{发布日期}"), null), Reviewer, Ct);

        var ownRound = await PublishedTownshipRoundAsync(services, "望城乡镇抽查", [otherTownship.Id]);
        var twoCounties = await PublishedTownshipRoundAsync(services, "两区乡镇联查", [otherTownship.Id, street]);
        var reports = Get<InspectionRoundReport.Handler>(services);
        var ownReport = await reports.HandleAsync(ownRound, Reviewer, cancellationToken: Ct);
        var report = await reports.HandleAsync(twoCounties, Reviewer, cancellationToken: Ct);
        var preview = await editor.PreviewRoundAsync(other.Id, Reviewer, Ct);

        Assert.Equal("望城{轮次名称}", ownReport.Template!.Title);
        Assert.Null(report.Template); // not the wording of the county its first township lies in
        Assert.Equal(ownRound, preview); // the county's own newest round, not the later round over two counties
    }

    private async Task<long> PublishedTownshipRoundAsync(AsyncServiceScope services, string title, int[] townships)
    {
        var opened = await Get<OpenInspectionRound.Handler>(services).HandleAsync(
            new OpenInspectionRound.Command(title, new DateOnly(2026, 11, 20), RoundScope.Townships, townships, RoundSampling.AllLive, null, 5), Reviewer, Ct);
        var version = await fixture.QueryAsync(db => db.InspectionRounds.Where(r => r.Id == opened.RoundId).Select(r => r.Version).SingleAsync(Ct));
        var run = await Get<RunInspectionRound.Handler>(services).HandleAsync(new(opened.RoundId, version), Reviewer, Ct);
        await Get<PublishInspectionRound.Handler>(services).HandleAsync(new(opened.RoundId, run.Version), Reviewer, Ct);
        return opened.RoundId;
    }

    [Fact]
    public async Task Leader_ReadsPublishedRoundsAndTheirReport_NotUnpublishedOnes_AndThePassRatesOfTheirUnits()
    {
        var roundId = await PublishedRoundAsync();
        var leader = new UserScope("leader", new HashSet<string>([Roles.Leader]), null, "/");
        var (street, streetPath) = await UnitAsync("B-S");
        var streetLeader = new UserScope("leader.wangyue", new HashSet<string>([Roles.Leader]), street, streetPath);
        var (county, _) = await UnitAsync("B-C");
        await using var services = fixture.Services.CreateAsyncScope();
        var unpublished = await Get<OpenInspectionRound.Handler>(services).HandleAsync(
            new OpenInspectionRound.Command("未发布的", new DateOnly(2026, 11, 20), RoundScope.District, [county], RoundSampling.AllLive, null, 3), Reviewer, Ct);
        var reports = Get<InspectionRoundReport.Handler>(services);

        var report = await reports.HandleAsync(roundId, leader, cancellationToken: Ct);
        var hidden = await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => reports.HandleAsync(unpublished.RoundId, leader, cancellationToken: Ct));
        var listed = await Get<InspectionRoundList.Handler>(services).HandleAsync(1, 200, leader, Ct);
        var trend = await Get<PassRateTrend.Handler>(services).HandleAsync(leader, Ct);
        var streetTrend = await Get<PassRateTrend.Handler>(services).HandleAsync(streetLeader, Ct);
        var results = await Get<InspectionRoundResults.Handler>(services).HandleAsync(roundId, 1, 200, Reviewer, Ct);

        Assert.NotNull(hidden);
        Assert.Contains(listed.Items, r => r.Id == roundId);
        Assert.All(listed.Items, r => Assert.Equal(RoundState.Published, r.State));
        var clerk = await ClerkOfStreetAsync();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Get<PassRateTrend.Handler>(services).HandleAsync(clerk, Ct));

        // The trend's column for the round has the 通报's figures, split by township and by platform without loss.
        var column = Assert.Single(trend.Rounds, r => r.Id == roundId);
        Assert.Equal((report.Checked, report.Passed), (column.Overall.Checked, column.Overall.Passed));
        Assert.Equal(report.Checked, trend.Townships.Sum(t => t.ByRound.TryGetValue(roundId, out var c) ? c.Checked : 0));
        Assert.Equal(
            report.Platforms.Where(p => p.Checked > 0).OrderBy(p => p.Platform).Select(p => (p.Platform, p.Checked, p.Passed)),
            trend.Platforms.Where(p => p.ByRound.ContainsKey(roundId)).Select(p => (p.Platform, p.ByRound[roundId].Checked, p.ByRound[roundId].Passed)));
        Assert.Equal(trend.Rounds.OrderBy(r => r.PublishedAt).ThenBy(r => r.Id).Select(r => r.Id), trend.Rounds.Select(r => r.Id));

        // A street's leader sees the same round over the street's accounts only.
        var streetRows = results.Rows.Items.Where(r => r.Result is not null && r.TownshipUnitId == street).ToList();
        var streetColumn = Assert.Single(streetTrend.Rounds, r => r.Id == roundId);
        Assert.NotEmpty(streetRows);
        Assert.Equal(streetRows.Count, streetColumn.Overall.Checked);
        Assert.Equal(streetRows.Count(r => r.Result != InspectionResultKind.Fail), streetColumn.Overall.Passed);
        Assert.Equal([street], streetTrend.Townships.Select(t => t.UnitId));
    }

    [Fact]
    public async Task ClerkOfAnotherTownship_SeesAndDoesNothing()
    {
        var roundId = await PublishedRoundAsync();
        var task = await TaskOfAsync(roundId, "gh_a");
        var elsewhere = await ClerkElsewhereAsync();
        await using var services = fixture.Services.CreateAsyncScope();

        var list = await Get<RectificationTaskList.Handler>(services).HandleAsync(new(RoundId: roundId), 1, 50, elsewhere, Ct);
        var own = await Get<RectificationTaskList.Handler>(services).HandleAsync(new(RoundId: roundId), 1, 50, await ClerkOfStreetAsync(), Ct);
        var counts = await Get<RectificationCounts.Handler>(services).HandleAsync(elsewhere, Ct);

        Assert.Equal(0, list.TotalCount);
        Assert.Equal(0, counts.Open);
        Assert.Contains(own.Items, r => r.Id == task.Id);
        Assert.All(own.Items, r => Assert.Contains(r.UnitName, new[] { "望岳街道办事处", "银杉社区居民委员会" }));
        Assert.DoesNotContain(own.Items, r => r.UnitName == "岳麓区人民政府");
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Get<RectificationTaskDetail.Handler>(services).HandleAsync(task.Id, elsewhere, Ct));
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Get<AnswerRectification.Handler>(services).HandleAsync(
            new(task.Id, task.Version, "x", [new EvidenceUpload("a.png", null, new MemoryStream(Png))]), elsewhere, Ct));
        Assert.Equal(RectificationState.Open, (await TaskOfAsync(roundId, "gh_a")).State);
    }

    [Fact]
    public async Task Leader_ReadsTheTasksOfTheirSubtree_AndTakesNoStep()
    {
        var roundId = await PublishedRoundAsync();
        var task = await TaskOfAsync(roundId, "gh_a");
        var leader = new UserScope("leader", new HashSet<string>([Roles.Leader]), null, "/");
        var leaderElsewhere = new UserScope("leader.lianhua", new HashSet<string>([Roles.Leader]), 99999, (await ClerkElsewhereAsync()).VisiblePathPrefix);
        await using var services = fixture.Services.CreateAsyncScope();
        var clerk = await ClerkOfStreetAsync();
        var answered = await Get<AnswerRectification.Handler>(services).HandleAsync(
            new(task.Id, task.Version, "菜单已修复", [new EvidenceUpload("fix.png", null, new MemoryStream(Png))]), clerk, Ct);

        var list = await Get<RectificationTaskList.Handler>(services).HandleAsync(new(RoundId: roundId), 1, 50, leader, Ct);
        var detail = await Get<RectificationTaskDetail.Handler>(services).HandleAsync(task.Id, leader, Ct);
        var evidence = await Get<RectificationTaskDetail.Handler>(services).DownloadAsync(task.Id, detail.Files[0].Id, leader, Ct);
        var accepts = await Assert.ThrowsAsync<RectificationException>(() => Get<ReviewRectification.Handler>(services).HandleAsync(new(task.Id, answered, true, null), leader, Ct));
        var sendsBack = await Assert.ThrowsAsync<RectificationException>(() => Get<ReviewRectification.Handler>(services).HandleAsync(new(task.Id, answered, false, "不清楚"), leader, Ct));
        var elsewhere = await Get<RectificationTaskList.Handler>(services).HandleAsync(new(RoundId: roundId), 1, 50, leaderElsewhere, Ct);

        Assert.Contains(list.Items, r => r.Id == task.Id);
        Assert.Equal(RectificationState.Answered, detail.State);
        Assert.Empty(detail.Allowed);
        Assert.Equal(Png, evidence.Content);
        Assert.Equal(RectificationError.NotYourStep, accepts.Error);
        Assert.Equal(RectificationError.NotYourStep, sendsBack.Error);
        Assert.Equal(0, elsewhere.TotalCount);
        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => Get<RectificationTaskDetail.Handler>(services).HandleAsync(task.Id, leaderElsewhere, Ct));
        Assert.Equal(RectificationState.Answered, (await TaskOfAsync(roundId, "gh_a")).State);
    }

    [Fact]
    public async Task RoundsAndTasks_AreStoredAsCodes_AndTheMigrationRewritesNamesBothWays()
    {
        var roundId = await PublishedRoundAsync();
        var task = await TaskOfAsync(roundId, "gh_a");
        await using (var services = fixture.Services.CreateAsyncScope())
        {
            await Get<AnswerRectification.Handler>(services).HandleAsync(
                new(task.Id, task.Version, "菜单已修复", [new EvidenceUpload("fix.png", null, new MemoryStream(Png))]), await ClerkOfStreetAsync(), Ct);
        }

        var stored = $"""
            SELECT r.state || ' ' || r.scope || ' ' || r.sampling || ' ' || f.kind || ' ' || f.item || ' ' || t.state
                   || ' ' || (SELECT string_agg(s.action || ':' || coalesce(s.from_state, '-') || '>' || s.to_state, ',' ORDER BY s.id) FROM rectification_steps s WHERE s.task_id = t.id)
            FROM inspection_rounds r
            JOIN inspection_round_findings f ON f.round_id = r.id
            JOIN rectification_tasks t ON t.round_id = r.id AND t.account_id = f.account_id
            WHERE r.id = {roundId} AND t.id = {task.Id}
            """;
        var asCodes = await TextAsync(stored);
        await MigrateAsync("20261207001034_EvaluationResultsWithoutRunKey");
        var asNames = await TextAsync(stored);
        await MigrateAsync(null);
        var againAsCodes = await TextAsync(stored);

        Assert.Equal("published district all_live veto broken_menu answered answered:open>answered", asCodes);
        Assert.Equal("Published District AllLive Veto BrokenMenu Answered Answered:Open>Answered", asNames);
        Assert.Equal(asCodes, againAsCodes);
        Assert.Equal(["MANUAL_BROKEN_MENU"], (await TaskOfAsync(roundId, "gh_a")).Problems.Where(p => p.StartsWith("MANUAL_", StringComparison.Ordinal)));
    }

    private async Task<string> TextAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task MigrateAsync(string? target)
    {
        await using var db = fixture.CreateContext();
        await db.GetService<IMigrator>().MigrateAsync(target, cancellationToken: Ct);
    }

    [Fact]
    public async Task StaleVersion_Conflicts_AndSavesNothing()
    {
        var roundId = await PublishedRoundAsync();
        var task = await TaskOfAsync(roundId, "gh_a");
        var clerk = await ClerkOfStreetAsync();
        await using var services = fixture.Services.CreateAsyncScope();
        var answer = Get<AnswerRectification.Handler>(services);
        await answer.HandleAsync(new(task.Id, task.Version, "第一次", [new EvidenceUpload("a.png", null, new MemoryStream(Png))]), clerk, Ct);

        var conflict = await Assert.ThrowsAsync<RectificationException>(() => Get<ReviewRectification.Handler>(services).HandleAsync(new(task.Id, task.Version, true, null), Reviewer, Ct));

        Assert.Equal(RectificationError.Conflict, conflict.Error);
        Assert.Equal(RectificationState.Answered, (await TaskOfAsync(roundId, "gh_a")).State);
    }

    [Fact]
    public async Task Overdue_NotifiesTheReviewersOnce_PerTask_AndCountsOnTheDashboard()
    {
        var roundId = await PublishedRoundAsync();
        var task = await TaskOfAsync(roundId, "gh_a");
        await SeedUsersAsync();
        await fixture.ScalarAsync($"WITH u AS (UPDATE rectification_tasks SET due_on = '2026-11-01' WHERE id = {task.Id} RETURNING 1) SELECT count(*) FROM u");
        await using var services = fixture.Services.CreateAsyncScope();
        var overdue = Get<RectificationOverdue.Handler>(services);

        await overdue.RaiseAsync(Ct);
        var again = await overdue.RaiseAsync(Ct);
        var counts = await Get<RectificationCounts.Handler>(services).HandleAsync(Reviewer, Ct);
        var listed = await Get<RectificationTaskList.Handler>(services).HandleAsync(new(OverdueOnly: true), 1, 50, Reviewer, Ct);

        Assert.Equal(0, again);
        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) FROM notifications WHERE kind = 'rectification.overdue' AND link = 'rectifications/{task.Id}' AND recipient = 'rect.reviewer'"));
        Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM notifications WHERE kind = 'rectification.overdue' AND recipient = 'rect.clerk'"));
        Assert.True(counts.Overdue >= 1);
        Assert.True(counts.Open >= counts.Overdue);
        Assert.Contains(listed.Items, r => r.Id == task.Id && r.Overdue);
        Assert.All(listed.Items, r => Assert.True(r.Overdue));
    }

    private async Task SeedUsersAsync()
    {
        await using var db = RegistryDbContextOptions.Create(fixture.ConnectionString);
        var roles = new Dictionary<string, IdentityRole>();
        foreach (var name in new[] { Roles.Clerk, Roles.Reviewer })
        {
            roles[name] = await db.Roles.FirstOrDefaultAsync(r => r.Name == name, Ct) ?? db.Roles.Add(new IdentityRole(name) { NormalizedName = name.ToUpperInvariant() }).Entity;
        }

        foreach (var (name, role, unit) in new[] { ("rect.clerk", Roles.Clerk, "B-S"), ("rect.reviewer", Roles.Reviewer, "B-C") })
        {
            var user = new AppUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), UnitId = (await UnitAsync(unit)).Id, DisplayName = name };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role].Id });
        }

        await db.SaveChangesAsync(Ct);
    }
}
