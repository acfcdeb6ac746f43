using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Application.Filings;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Application.Reviews;
using MiniExcelLibs;

namespace AccountRegistry.Application.Tests.Exports;

/// <summary>
/// The exports' headers, sheet names and fixed wording come from ExportTexts.resx; the city and other county systems
/// read these sheets by their headers, so the words are pinned here as they were when the exports wrote them in code.
/// </summary>
public sealed class ExportTextsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Columns_AreTheBilingualHeadersTheSheetsHaveAlwaysCarried()
    {
        Assert.Equal(
            ["单位路径 unit_path", "单位层级 unit_level", "平台 platform", "账号ID account_id", "名称 name", "规则 rules", "规则名称 rule_names", "证据 evidence",
             "建议 recommendation", "整合目标 merge_target", "审核状态 state", "决定 decision", "决定理由 decision_reason", "决定人 decided_by",
             "决定时间 decided_at", "首次标记 flagged_since"],
            FlagsExport.Columns);
        Assert.Equal(
            ["单位 unit", "平台 platform", "账号ID account_id", "名称 name", "结果 result", "得分 score", "单项否决 vetoes", "扣分 deductions", "监测时间点 as_of"],
            InspectionResultList.Columns);
        Assert.Equal(
            ["类别 kind", "平台 platform", "账号ID account_id", "不一致字段 fields", "本地名称 name_here", "省级名称 name_province", "本地单位代码 unit_code_here",
             "省级单位代码 unit_code_province", "本地备案编号 filing_no_here", "省级备案编号 filing_no_province", "本地状态 status_here", "省级状态 status_province"],
            FilingCorrections.Columns);
        Assert.Equal(
            ["时间 at", "操作人 actor", "操作 action", "对象类型 entity_type", "对象ID entity_id", "单位 unit", "摘要 summary", "详情 details"],
            AuditExport.Columns);
    }

    [Fact]
    public async Task DashboardExport_WritesTheOverviewAndTownshipSheets_WithTheirFiguresNamed()
    {
        var summary = new DashboardFigures.Summary(
            new DateOnly(2026, 12, 6),
            new DateOnly(2026, 6, 1),
            new DashboardFigures.Tiles(Total: 10, Active: 6, Closed: 2, Merged: 2, BeforeCampaign: 12, Retained: 1, OpenFlags: 3, Zombies: 4, RequestsInProgress: 5, OverdueRequests: 1),
            [new DashboardFigures.StatusSplit("township", 3, 1, 1, 1)],
            [new DashboardFigures.StatusSplit("wechat", 6, 2, 2, 1)],
            [new DashboardFigures.MonthlyChanges(new DateOnly(2026, 11, 1), 2, 1)],
            [new DashboardFigures.ZombieDay(new DateOnly(2026, 11, 30), 4)],
            [new DashboardFigures.TownshipRow(7, "望岳街道", "township", 5, 4, 2, 1, 1, 0, 2, 1, 1, 0)]);

        using var stream = new MemoryStream();
        await DashboardExport.WriteXlsxAsync(summary, stream, Cancel);

        stream.Position = 0;
        Assert.Equal(["总览 overview", "乡镇街道 townships"], stream.GetSheetNames());
        var overview = stream.Query(useHeaderRow: true, sheetName: "总览 overview").Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["指标 figure"]!, r => r["数值 value"]?.ToString());
        Assert.Equal("2026-12-06", overview["统计日期 as of"]);
        Assert.Equal("12", overview["专项前账号数 before the campaign"]);
        Assert.Equal("active 3 (retained 1) / closed 1 / merged 1", overview["层级 level township"]);
        Assert.Equal("active 6 (retained 1) / closed 2 / merged 2", overview["平台 platform wechat"]);
        Assert.Equal("closed 2 / merged 1", overview["月度 month 2026-11"]);
        Assert.Equal("4", overview["僵尸账号 zombies 2026-11-30"]);
        stream.Position = 0;
        var township = Assert.Single(stream.Query(useHeaderRow: true, sheetName: "乡镇街道 townships").Cast<IDictionary<string, object?>>());
        Assert.Equal(
            ["单位 unit", "层级 level", "专项前 before campaign", "账号总数 total", "运营中 active", "已关停 closed", "已整合 merged", "审核后保留 retained",
             "待审核问题 open flags", "僵尸账号 zombies", "办理中 in progress", "逾期 overdue"],
            township.Keys);
        Assert.Equal("望岳街道", township["单位 unit"]);
    }
}
