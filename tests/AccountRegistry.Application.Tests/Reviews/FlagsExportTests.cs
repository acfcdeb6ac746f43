using AccountRegistry.Application.Reviews;
using AccountRegistry.Cli;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.TestSupport;
using MiniExcelLibs;

namespace AccountRegistry.Application.Tests.Reviews;

public sealed class FlagsExportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static List<IDictionary<string, object?>> ReadSheet(Stream stream)
    {
        stream.Position = 0;
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    [Fact]
    public async Task Export_HoldsExactlyTheFilteredAccounts_WithEvidenceRecommendationAndDecision()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "x1");
        await world.Decide.HandleAsync(new DecideAccount.Command { AccountId = world.TownshipDouyin.Id, Kind = DecisionKind.Close, Reason = "从未发文" }, world.Reviewer, Cancel);
        var filter = new ReviewQueue.Filter { State = ReviewQueue.State.All, Recommendation = Recommendation.Close };

        using var stream = new MemoryStream();
        var count = await world.Export.WriteXlsxAsync(filter, world.Reviewer, stream, Cancel);
        var rows = ReadSheet(stream);

        Assert.Equal(3, count);
        Assert.Equal(FlagsExport.Columns, rows[0].Keys);
        Assert.Equal(
            new[] { world.StreetWechat, world.TownshipDouyin, world.DepartmentWechat }.Select(a => a.PlatformAccountId).Order(StringComparer.Ordinal),
            rows.Select(r => (string)r["账号ID account_id"]!).Order(StringComparer.Ordinal));
        var township = rows.Single(r => (string)r["账号ID account_id"]! == world.TownshipDouyin.PlatformAccountId);
        Assert.Equal("岳麓区人民政府 / 莲花镇人民政府", township["单位路径 unit_path"]);
        Assert.Equal("douyin", township["平台 platform"]);
        Assert.Equal("BELOW_COUNTY_LEVEL, NEVER_POSTED", township["规则 rules"]);
        Assert.Equal("县级以下单位开设、从未发文", township["规则名称 rule_names"]);
        Assert.Equal("主办单位为乡镇；开通于 2020-01-01，2,518 天来从未发文", township["证据 evidence"]);
        Assert.Equal("close", township["建议 recommendation"]);
        Assert.Equal("decided", township["审核状态 state"]);
        Assert.Equal("close", township["决定 decision"]);
        Assert.Equal("从未发文", township["决定理由 decision_reason"]);
        Assert.Equal(world.Reviewer.UserName, township["决定人 decided_by"]);
        Assert.Equal("2026-11-23 10:00", township["决定时间 decided_at"]);
        var street = rows.Single(r => (string)r["账号ID account_id"]! == world.StreetWechat.PlatformAccountId);
        Assert.Equal("pending", street["审核状态 state"]);
        Assert.Null(street["决定 decision"]);
    }

    [Fact]
    public async Task Export_OfAnotherDistrictsReviewer_HasNoneOfOurAccounts_AndAnEmptyExportKeepsItsHeader()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "x2");

        using var theirs = new MemoryStream();
        await world.Export.WriteXlsxAsync(new ReviewQueue.Filter { State = ReviewQueue.State.All }, world.OtherCountyReviewer, theirs, Cancel);
        using var empty = new MemoryStream();
        var none = await world.Export.WriteXlsxAsync(new ReviewQueue.Filter { Rule = RuleCode.RepostHeavy, UnitId = world.County.Id }, world.Reviewer, empty, Cancel);

        Assert.Equal([world.OtherCountyWechat.PlatformAccountId], ReadSheet(theirs).Select(r => (string)r["账号ID account_id"]!));
        Assert.Equal(0, none);
        empty.Position = 0;
        var header = Assert.Single(empty.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>());
        Assert.Equal(FlagsExport.Columns, header.Values);
    }

    [Fact]
    public async Task ExportFlagsCommand_WritesTheSheetForTheWholeDatabase_OrOneUnit()
    {
        var world = await ReviewWorld.CreateAsync(fixture, "x3");
        var directory = Directory.CreateTempSubdirectory("flags-export");
        try
        {
            var file = Path.Combine(directory.FullName, "flags.xlsx");
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = await CommandLine.RunAsync(
                ["--connection", fixture.ConnectionString, "export", "flags", "--out", file, "--unit", await UnitCodeAsync(world)], output, error, Cancel);

            Assert.Equal(0, exit);
            Assert.Contains("3 flagged accounts", output.ToString(), StringComparison.Ordinal);
            await using var stream = File.OpenRead(file);
            Assert.Equal(
                new[] { world.StreetWechat, world.StreetWeibo, world.CommunityWechat }.Select(a => a.PlatformAccountId).Order(StringComparer.Ordinal),
                stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => (string)r["账号ID account_id"]!).Order(StringComparer.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("export", "flags")]
    [InlineData("export", "flags", "--out", "flags.csv")]
    [InlineData("export", "flags", "--out", "x.xlsx", "--state", "maybe")]
    [InlineData("export", "flags", "--out", "x.xlsx", "--rule", "LAZY")]
    public async Task ExportFlagsCommand_BadUsage_ExitsWith2(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["--connection", fixture.ConnectionString, .. args], output, error, Cancel);

        Assert.Equal(2, exit);
        Assert.NotEmpty(error.ToString());
    }

    private Task<string> UnitCodeAsync(ReviewWorld world) =>
        fixture.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Units.Where(u => u.Id == world.Street.Id).Select(u => u.Code), Cancel));
}
