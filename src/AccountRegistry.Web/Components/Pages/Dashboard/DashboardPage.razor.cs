using System.Globalization;
using AccountRegistry.Application.Content;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Common;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Dashboard;

public partial class DashboardPage
{
    private const string OverdueLabel = "Dashboard.Overdue";

    /// <summary>The per-township table's figure columns: resource key and value (also what the column sorts by).</summary>
    private static readonly (string Label, Func<DashboardFigures.TownshipRow, object> Value)[] Columns =
    [
        ("Dashboard.BeforeCampaign", r => r.BeforeCampaign),
        ("Dashboard.Total", r => r.Total),
        ("Dashboard.Closed", r => r.Closed),
        ("Dashboard.Merged", r => r.Merged),
        ("Dashboard.Retained", r => r.Retained),
        ("Dashboard.Zombies", r => r.Zombies),
        ("Dashboard.OpenFlags", r => r.OpenFlags),
        ("Dashboard.InProgress", r => r.RequestsInProgress),
        (OverdueLabel, r => r.OverdueRequests),
    ];

    private DateTime? asOfDate;
    private DateTime today;
    private DashboardFigures.Summary? summary;
    private string[] splitLabels = [];
    private List<ChartSeries<double>> splitSeries = [];
    private string[] levelLabels = [];
    private List<ChartSeries<double>> levelSeries = [];
    private string[] platformLabels = [];
    private List<ChartSeries<double>> platformSeries = [];
    private string[] trendLabels = [];
    private List<ChartSeries<double>> trendSeries = [];
    private string[] zombieLabels = [];
    private List<ChartSeries<double>> zombieSeries = [];
    private string[] reachLabels = [];
    private List<ChartSeries<double>> reachSeries = [];
    private ContentFindingCounts.Counts? contentCounts;
    private InspectionDashboard.Summary? inspection;
    private string[] inspectionLabels = [];
    private List<ChartSeries<double>> inspectionSeries = [];

    [Inject]
    private DashboardSummaryCache Figures { get; set; } = default!;

    [Inject]
    private ContentFindingCounts.Handler ContentCounts { get; set; } = default!;

    [Inject]
    private InspectionDashboard.Handler Inspections { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "asOf")]
    public string? AsOfFromQuery { get; set; }

    private DateOnly AsOf => asOfDate is { } d ? DateOnly.FromDateTime(d) : ShanghaiCalendar.Today(Clock);

    private string AsOfText => AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override async Task OnInitializedAsync()
    {
        today = ShanghaiCalendar.Today(Clock).ToDateTime(TimeOnly.MinValue);
        asOfDate = DateOnly.TryParseExact(AsOfFromQuery, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToDateTime(TimeOnly.MinValue)
            : today;
        await LoadAsync();
    }

    private async Task OnAsOfChangedAsync(DateTime? value)
    {
        asOfDate = value ?? today;
        await LoadAsync();
    }

    private Task PrintAsync() => Js.InvokeVoidAsync("registry.print").AsTask();

    private async Task LoadAsync()
    {
        var scope = await CurrentUser.GetScopeAsync();
        summary = await Figures.SummaryAsync(AsOf, scope);
        var reach = await Figures.Figures.ReachAsync(AsOf, scope);

        // Findings carry no history of their status, so this panel is today's state whatever day is chosen.
        contentCounts = await ContentCounts.CountAsync(scope);

        // The latest inspection on or before the chosen day: inspections are quarterly, so usually weeks before it.
        inspection = await Inspections.SummaryAsync(AsOf, scope);
        inspectionLabels = inspection is null ? [] : [.. inspection.ByPlatform.Select(p => (string)L["Platform." + p.Key])];
        inspectionSeries = inspection is null ? [] :
        [
            new ChartSeries<double> { Name = L["Inspection.Result.fail"], Data = inspection.ByPlatform.Select(p => (double)p.Counts.Fail).ToArray() },
            new ChartSeries<double> { Name = L["Inspection.Result.pass"], Data = inspection.ByPlatform.Select(p => (double)p.Counts.Pass).ToArray() },
            new ChartSeries<double> { Name = L["Inspection.Result.excellent"], Data = inspection.ByPlatform.Select(p => (double)p.Counts.Excellent).ToArray() },
        ];

        var tiles = summary.Tiles;
        splitLabels = [L["Dashboard.Closed"], L["Dashboard.Merged"], L["Dashboard.Retained"], L["Dashboard.NotYetSettled"]];
        splitSeries = [new ChartSeries<double> { Name = L["Dashboard.Split"], Data = new double[] { tiles.Closed, tiles.Merged, tiles.Retained, tiles.NotYetSettled } }];
        (levelLabels, levelSeries) = Stacked(summary.ByLevel, key => L["Level." + key]);
        (platformLabels, platformSeries) = Stacked(summary.ByPlatform, key => L["Platform." + key]);
        trendLabels = summary.Trend.Select(m => m.Month.ToString("yy-MM", CultureInfo.InvariantCulture)).ToArray();
        trendSeries =
        [
            new ChartSeries<double> { Name = L["Dashboard.Closed"], Data = summary.Trend.Select(m => (double)m.Closed).ToArray() },
            new ChartSeries<double> { Name = L["Dashboard.Merged"], Data = summary.Trend.Select(m => (double)m.Merged).ToArray() },
        ];

        // Every few labels only: a nightly run gives a point a day, more than an axis can name.
        var step = Math.Max(1, summary.ZombieTrend.Count / 8);
        zombieLabels = summary.ZombieTrend.Select((z, i) => i % step == 0 ? z.Day.ToString("MM-dd", CultureInfo.InvariantCulture) : string.Empty).ToArray();
        zombieSeries = [new ChartSeries<double> { Name = L["Dashboard.Zombies"], Data = summary.ZombieTrend.Select(z => (double)z.Zombies).ToArray() }];
        reachLabels = reach.Select((m, i) => i % 3 == 0 ? m.Month.ToString("yy-MM", CultureInfo.InvariantCulture) : string.Empty).ToArray();
        reachSeries =
        [
            new ChartSeries<double> { Name = L["Dashboard.HubReads"], Data = reach.Select(m => (double)m.HubReads).ToArray() },
            new ChartSeries<double> { Name = L["Dashboard.MergedReads"], Data = reach.Select(m => (double)m.MergedAccountsReads).ToArray() },
        ];
    }

    private (string[] Labels, List<ChartSeries<double>> Series) Stacked(IReadOnlyList<DashboardFigures.StatusSplit> split, Func<string, string> label) =>
    (
        split.Select(s => label(s.Key)).ToArray(),
        [
            new ChartSeries<double> { Name = L["Dashboard.Closed"], Data = split.Select(s => (double)s.Closed).ToArray() },
            new ChartSeries<double> { Name = L["Dashboard.Merged"], Data = split.Select(s => (double)s.Merged).ToArray() },
            new ChartSeries<double> { Name = L["Dashboard.Retained"], Data = split.Select(s => (double)s.Retained).ToArray() },
            new ChartSeries<double> { Name = L["Dashboard.NotYetSettled"], Data = split.Select(s => (double)s.NotYetSettled).ToArray() },
        ]
    );
}
