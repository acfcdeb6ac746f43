using System.Text.Json.Nodes;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using static AccountRegistry.Application.Tests.Rules.RulesWorld;

namespace AccountRegistry.Application.Tests.Rules;

public sealed class RuleSettingsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly UserScope Admin = new("管理员", new HashSet<string>([Roles.Admin]), null, null);

    [Fact]
    public async Task Save_StoresTheThresholdsAndAppendsTheChangeToTheAuditHistory()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var editor = world.Get<RuleSettingsEditor.Handler>();
        var before = await editor.GetAsync(county.Id, Admin, TestContext.Current.CancellationToken);

        var saved = await editor.SaveAsync(
            new RuleSettingsEditor.SaveCommand(county.Id, Thresholds.Defaults with { StaleDays = 30, DuplicateContentShare = 0.6m }, 90, before.Version),
            Admin,
            TestContext.Current.CancellationToken);
        var history = await editor.HistoryAsync(county.Id, Admin, TestContext.Current.CancellationToken);

        Assert.True(before.IsDefault);
        Assert.Equal(Thresholds.Defaults, before.Thresholds);
        Assert.False(saved.IsDefault);
        Assert.Equal(30, saved.Thresholds.StaleDays);
        Assert.Equal(0.6m, saved.Thresholds.DuplicateContentShare);
        Assert.Equal(90, saved.DismissalDays);
        var entry = Assert.Single(history);
        Assert.Equal("管理员", entry.Actor);
        Assert.Equal("stale_days 14 → 30; duplicate_content_share 0.5 → 0.6; dismissal_days 180 → 90", entry.Summary);
        var details = JsonNode.Parse(entry.Details!)!;
        Assert.Equal(14, details["before"]!["stale_days"]!.GetValue<int>());
        Assert.Equal(30, details["after"]!["stale_days"]!.GetValue<int>());
    }

    [Fact]
    public async Task Save_InvalidValues_AreRefusedByNameAndNothingIsStored()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var editor = world.Get<RuleSettingsEditor.Handler>();

        var error = await Assert.ThrowsAsync<ThresholdsInvalidException>(() => editor.SaveAsync(
            new RuleSettingsEditor.SaveCommand(county.Id, Thresholds.Defaults with { WindowDays = 0, RepostHeavyOriginalShare = 2m }, -5, null),
            Admin,
            TestContext.Current.CancellationToken));

        Assert.Equal(["window_days", "repost_heavy_original_share", "dismissal_days"], error.Problems.Select(p => p.Name));
        await using var db = world.Context();
        Assert.Equal(0, await db.RuleSettings.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Save_ByNonAdmin_IsRefused()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var reviewer = new UserScope("r", new HashSet<string>([Roles.Reviewer]), null, "/");

        await Assert.ThrowsAsync<NotFoundOrForbiddenException>(() => world.Get<RuleSettingsEditor.Handler>().SaveAsync(
            new RuleSettingsEditor.SaveCommand(county.Id, Thresholds.Defaults, 180, null), reviewer, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Save_WithAStaleVersion_ConflictsInsteadOfOverwriting()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var editor = world.Get<RuleSettingsEditor.Handler>();
        var first = await editor.SaveAsync(new RuleSettingsEditor.SaveCommand(county.Id, Thresholds.Defaults with { StaleDays = 20 }, 180, null), Admin, TestContext.Current.CancellationToken);
        await editor.SaveAsync(new RuleSettingsEditor.SaveCommand(county.Id, Thresholds.Defaults with { StaleDays = 21 }, 180, first.Version), Admin, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => editor.SaveAsync(
            new RuleSettingsEditor.SaveCommand(county.Id, Thresholds.Defaults with { StaleDays = 22 }, 180, first.Version), Admin, TestContext.Current.CancellationToken));
        Assert.Equal(21, (await editor.GetAsync(county.Id, Admin, TestContext.Current.CancellationToken)).Thresholds.StaleDays);
    }

    [Fact]
    public async Task Preview_CountsPerRuleUnderStoredAndProposedThresholds_WithoutStoring()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        var other = await world.UnitAsync("D", UnitLevel.County);
        var stale = await world.AccountAsync(county, "gh_a");
        await world.PostAsync(stale, Shanghai(2026, 11, 3), reads: 500); // 20 days
        var elsewhere = await world.AccountAsync(other, "gh_b");
        await world.PostAsync(elsewhere, Shanghai(2026, 11, 3), reads: 500);

        var preview = await world.Get<RuleSettingsEditor.Handler>().PreviewAsync(
            county.Id, Thresholds.Defaults with { StaleDays = 30, LowReadsMean = 1_000 }, Admin, TestContext.Current.CancellationToken);

        Assert.Equal(1, preview.Accounts);
        var lines = preview.Lines.ToDictionary(l => l.Rule);
        Assert.Equal((1, 0), (lines[RuleCode.Stale].Current, lines[RuleCode.Stale].Proposed));
        Assert.Equal((0, 1), (lines[RuleCode.LowReads].Current, lines[RuleCode.LowReads].Proposed));
        await using var db = world.Context();
        Assert.Equal(0, await db.Evaluations.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Flags.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Evaluation_UsesEachCountysThresholds_AndRecordsThem()
    {
        await using var world = await CreateAsync(fixture);
        var lenient = await world.UnitAsync("C-LENIENT", UnitLevel.County);
        var strict = await world.UnitAsync("C-STRICT", UnitLevel.County);
        var department = await world.UnitAsync("C-LENIENT-D", UnitLevel.Department, lenient);
        var a = await world.AccountAsync(department, "gh_lenient");
        var b = await world.AccountAsync(strict, "gh_strict");
        foreach (var account in new[] { a, b })
        {
            await world.PostAsync(account, Shanghai(2026, 11, 3), reads: 500); // 20 days before T
            await world.PostAsync(account, Shanghai(2026, 9, 10), reads: 10); // in W of 90 days, not in W of 30
        }

        await world.Get<RuleSettingsEditor.Handler>().SaveAsync(
            new RuleSettingsEditor.SaveCommand(lenient.Id, Thresholds.Defaults with { StaleDays = 30, WindowDays = 30 }, 180, null), Admin, TestContext.Current.CancellationToken);

        var run = await world.EvaluateAsync(T);
        var results = await world.ResultsAsync(run.EvaluationId!.Value);
        var json = JsonNode.Parse(await world.JsonAsync(run.EvaluationId.Value))!;

        Assert.Empty(results["gh_lenient"].Rules); // 20 days is not stale under 30; its window holds only the well-read post
        Assert.Equal([RuleCode.Stale], results["gh_strict"].Rules); // mean (500 + 10) / 2 = 255
        Assert.Equal(14, json["thresholds"]!["stale_days"]!.GetValue<int>());
        Assert.Equal(30, json["county_thresholds"]!["C-LENIENT"]!["stale_days"]!.GetValue<int>());
        Assert.Equal(30, json["county_thresholds"]!["C-LENIENT"]!["window_days"]!.GetValue<int>());
        Assert.Null(json["county_thresholds"]!["C-STRICT"]);
    }

    [Fact]
    public async Task Evaluation_SingleCountyWithOwnThresholds_ReportsThemAsTheThresholds()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        await world.AccountAsync(county, "gh_a", Platform.Wechat);
        await world.Get<RuleSettingsEditor.Handler>().SaveAsync(
            new RuleSettingsEditor.SaveCommand(county.Id, Thresholds.Defaults with { LowReadsMean = 50 }, 180, null), Admin, TestContext.Current.CancellationToken);

        var run = await world.EvaluateAsync(T);
        var json = JsonNode.Parse(await world.JsonAsync(run.EvaluationId!.Value))!;

        Assert.Equal(50, json["thresholds"]!["low_reads_mean"]!.GetValue<int>());
        Assert.Equal(0.5m, json["thresholds"]!["duplicate_content_share"]!.GetValue<decimal>());
        Assert.Equal("0.5", json["thresholds"]!["duplicate_content_share"]!.ToJsonString());
        Assert.Null(json["county_thresholds"]);
    }
}
