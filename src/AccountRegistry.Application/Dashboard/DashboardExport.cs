using System.Globalization;
using AccountRegistry.Application.Exports;
using MiniExcelLibs;

namespace AccountRegistry.Application.Dashboard;

/// <summary>The dashboard's figures of one day as a workbook: the overview's figures and one row per township.</summary>
public static class DashboardExport
{
    /// <summary>Writes the .xlsx of <paramref name="summary"/> to <paramref name="output"/>.</summary>
    public static async Task WriteXlsxAsync(DashboardFigures.Summary summary, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        var t = summary.Tiles;
        var overview = new List<Dictionary<string, object?>>
        {
            Figure("Dashboard.AsOf", Iso(summary.AsOf)),
            Figure("Dashboard.CampaignStart", Iso(summary.CampaignStart)),
            Figure("Dashboard.Total", t.Total),
            Figure("Dashboard.BeforeCampaign", t.BeforeCampaign),
            Figure("Dashboard.Active", t.Active),
            Figure("Dashboard.Closed", t.Closed),
            Figure("Dashboard.Merged", t.Merged),
            Figure("Dashboard.Retained", t.Retained),
            Figure("Dashboard.OpenFlags", t.OpenFlags),
            Figure("Dashboard.Zombies", t.Zombies),
            Figure("Dashboard.RequestsInProgress", t.RequestsInProgress),
            Figure("Dashboard.OverdueRequests", t.OverdueRequests),
        };
        overview.AddRange(summary.ByLevel.Select(s => Row(ExportTexts.Format("Dashboard.ByLevel", s.Key), Split(s))));
        overview.AddRange(summary.ByPlatform.Select(s => Row(ExportTexts.Format("Dashboard.ByPlatform", s.Key), Split(s))));
        overview.AddRange(summary.Trend.Select(m => Row(ExportTexts.Format("Dashboard.Month", m.Month), ExportTexts.Format("Dashboard.MonthSplit", m.Closed, m.Merged))));
        overview.AddRange(summary.ZombieTrend.Select(z => Row(ExportTexts.Format("Dashboard.ZombiesOn", Iso(z.Day)), z.Zombies)));
        var sheets = new Dictionary<string, object>
        {
            [ExportTexts.Text("Dashboard.Overview.Sheet")] = overview,
            [ExportTexts.Text("Dashboard.Townships.Sheet")] = summary.Townships.Select(r => new Dictionary<string, object?>
            {
                [Township("Unit")] = r.UnitName,
                [Township("Level")] = r.Level,
                [Township("BeforeCampaign")] = r.BeforeCampaign,
                [Township("Total")] = r.Total,
                [Township("Active")] = r.Active,
                [Township("Closed")] = r.Closed,
                [Township("Merged")] = r.Merged,
                [Township("Retained")] = r.Retained,
                [Township("OpenFlags")] = r.OpenFlags,
                [Township("Zombies")] = r.Zombies,
                [Township("InProgress")] = r.RequestsInProgress,
                [Township("Overdue")] = r.OverdueRequests,
            }).ToList(),
        };
        await output.SaveAsAsync(sheets, cancellationToken: cancellationToken);
    }

    private static string Split(DashboardFigures.StatusSplit s) => ExportTexts.Format("Dashboard.Split", s.Active, s.Retained, s.Closed, s.Merged);

    private static Dictionary<string, object?> Figure(string key, object? value) => Row(ExportTexts.Text(key), value);

    private static Dictionary<string, object?> Row(string figure, object? value) =>
        new() { [ExportTexts.Text("Dashboard.Figure")] = figure, [ExportTexts.Text("Dashboard.Value")] = value };

    private static string Township(string column) => ExportTexts.Text($"Dashboard.Townships.{column}");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
