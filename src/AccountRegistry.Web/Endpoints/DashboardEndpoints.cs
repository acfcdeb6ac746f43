using System.Globalization;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Domain.Common;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace AccountRegistry.Web.Endpoints;

public static class DashboardEndpoints
{
    public const string ReadRoles = "Leader,Admin,Reviewer";

    public static void MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboard/export.xlsx", ExportAsync).RequireAuthorization(policy => policy.RequireRole(ReadRoles.Split(',')));
        endpoints.MapGet("/api/v1/dashboard/summary", SummaryAsync)
            .RequireAuthorization(policy => policy.RequireRole(ReadRoles.Split(',')))
            .WithName("DashboardSummary");
    }

    /// <summary>The overview's figures as JSON for other county systems; asOf defaults to today (Asia/Shanghai).</summary>
    private static async Task<IResult> SummaryAsync(HttpContext context, DashboardFigures.Handler figures, TimeProvider clock, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        if (!TryDay(asOf, clock, out var day))
        {
            return TypedResults.Problem(title: "asOf must be a date YYYY-MM-DD", statusCode: StatusCodes.Status400BadRequest);
        }

        var scope = CurrentUser.ScopeOf(context.User);
        var summary = await figures.SummaryAsync(day, scope, cancellationToken);
        var townships = await figures.TownshipsAsync(day, scope, cancellationToken);
        return TypedResults.Ok(new
        {
            as_of = Iso(summary.AsOf),
            campaign_start = Iso(summary.CampaignStart),
            accounts = new
            {
                total = summary.Tiles.Total,
                before_campaign = summary.Tiles.BeforeCampaign,
                active = summary.Tiles.Active,
                closed = summary.Tiles.Closed,
                merged = summary.Tiles.Merged,
            },
            by_level = summary.ByLevel.Select(s => new { level = s.Key, active = s.Active, closed = s.Closed, merged = s.Merged }),
            by_platform = summary.ByPlatform.Select(s => new { platform = s.Key, active = s.Active, closed = s.Closed, merged = s.Merged }),
            monthly = summary.Trend.Select(m => new { month = m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), closed = m.Closed, merged = m.Merged }),
            townships = townships.Select(t => new
            {
                unit_id = t.UnitId, name = t.UnitName, level = t.Level, before_campaign = t.BeforeCampaign, total = t.Total,
                active = t.Active, closed = t.Closed, merged = t.Merged,
            }),
        });
    }

    private static async Task<IResult> ExportAsync(HttpContext context, DashboardFigures.Handler figures, TimeProvider clock, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        if (!TryDay(asOf, clock, out var day))
        {
            return TypedResults.BadRequest("asOf must be a date YYYY-MM-DD");
        }

        var scope = CurrentUser.ScopeOf(context.User);
        var summary = await figures.SummaryAsync(day, scope, cancellationToken);
        var townships = await figures.TownshipsAsync(day, scope, cancellationToken);
        var overview = new List<Dictionary<string, object?>>
        {
            Row("统计日期 as of", Iso(summary.AsOf)),
            Row("专项开始 campaign start", Iso(summary.CampaignStart)),
            Row("账号总数 accounts", summary.Tiles.Total),
            Row("专项前账号数 before the campaign", summary.Tiles.BeforeCampaign),
            Row("保留运营 active", summary.Tiles.Active),
            Row("已关停 closed", summary.Tiles.Closed),
            Row("已整合 merged", summary.Tiles.Merged),
        };
        overview.AddRange(summary.ByLevel.Select(s => Row($"层级 level {s.Key}", $"active {s.Active} / closed {s.Closed} / merged {s.Merged}")));
        overview.AddRange(summary.ByPlatform.Select(s => Row($"平台 platform {s.Key}", $"active {s.Active} / closed {s.Closed} / merged {s.Merged}")));
        var sheets = new Dictionary<string, object>
        {
            ["总览 overview"] = overview,
            ["乡镇街道 townships"] = townships.Select(t => new Dictionary<string, object?>
            {
                ["单位 unit"] = t.UnitName,
                ["层级 level"] = t.Level,
                ["专项前 before campaign"] = t.BeforeCampaign,
                ["账号总数 total"] = t.Total,
                ["保留 active"] = t.Active,
                ["已关停 closed"] = t.Closed,
                ["已整合 merged"] = t.Merged,
            }).ToList(),
        };
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: cancellationToken);
        stream.Position = 0;
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"dashboard-{Iso(day)}.xlsx");
    }

    private static Dictionary<string, object?> Row(string figure, object? value) => new() { ["指标 figure"] = figure, ["数值 value"] = value };

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryDay(string? text, TimeProvider clock, out DateOnly day)
    {
        if (string.IsNullOrEmpty(text))
        {
            day = ShanghaiCalendar.Today(clock);
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
