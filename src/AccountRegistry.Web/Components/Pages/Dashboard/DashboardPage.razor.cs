using System.Globalization;
using AccountRegistry.Application.Dashboard;
using AccountRegistry.Domain.Common;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Dashboard;

public partial class DashboardPage
{
    private DateTime? asOfDate;
    private DateTime today;
    private DashboardFigures.Summary? summary;
    private IReadOnlyList<DashboardFigures.TownshipRow> townships = [];
    private string[] splitLabels = [];
    private List<ChartSeries<double>> splitSeries = [];
    private string[] levelLabels = [];
    private List<ChartSeries<double>> levelSeries = [];
    private string[] platformLabels = [];
    private List<ChartSeries<double>> platformSeries = [];
    private string[] trendLabels = [];
    private List<ChartSeries<double>> trendSeries = [];
    private string[] reachLabels = [];
    private List<ChartSeries<double>> reachSeries = [];

    [Inject]
    private DashboardFigures.Handler Figures { get; set; } = default!;

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
        townships = await Figures.TownshipsAsync(AsOf, scope);
        var reach = await Figures.ReachAsync(AsOf, scope);

        splitLabels = [L["Dashboard.Active"], L["Dashboard.Closed"], L["Dashboard.Merged"]];
        splitSeries = [new ChartSeries<double> { Name = L["Dashboard.Split"], Data = new double[] { summary.Tiles.Active, summary.Tiles.Closed, summary.Tiles.Merged } }];
        (levelLabels, levelSeries) = Stacked(summary.ByLevel, key => L["Level." + key]);
        (platformLabels, platformSeries) = Stacked(summary.ByPlatform, key => L["Platform." + key]);
        trendLabels = summary.Trend.Select(m => m.Month.ToString("yy-MM", CultureInfo.InvariantCulture)).ToArray();
        trendSeries =
        [
            new ChartSeries<double> { Name = L["Dashboard.Closed"], Data = summary.Trend.Select(m => (double)m.Closed).ToArray() },
            new ChartSeries<double> { Name = L["Dashboard.Merged"], Data = summary.Trend.Select(m => (double)m.Merged).ToArray() },
        ];
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
            new ChartSeries<double> { Name = L["Dashboard.Active"], Data = split.Select(s => (double)s.Active).ToArray() },
            new ChartSeries<double> { Name = L["Dashboard.Closed"], Data = split.Select(s => (double)s.Closed).ToArray() },
            new ChartSeries<double> { Name = L["Dashboard.Merged"], Data = split.Select(s => (double)s.Merged).ToArray() },
        ]
    );
}
