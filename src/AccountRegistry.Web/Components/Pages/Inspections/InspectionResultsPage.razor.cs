using System.Globalization;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Inspections;

/// <summary>检查结果: a stored inspection's verdicts per account in the reviewer's district, filtered and exported.</summary>
public partial class InspectionResultsPage
{
    private MudTable<InspectionResultList.Row>? table;
    private InspectionResultList.Filter filter = new();
    private UnitLookup.Option? selectedUnit;
    private IReadOnlyList<InspectionResultList.InspectionSummary> inspections = [];
    private InspectionResultList.InspectionSummary? shown;
    private int totalCount;
    private bool running;
    private string? done;

    [Inject]
    private RunInspection.Handler Inspection { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private InspectionResultList.Handler Results { get; set; } = default!;

    [Inject]
    private UnitLookup.Handler Units { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private string ExportUrl => "inspections/export.xlsx?" + ToQuery(filter);

    /// <summary>The filter as the export's query string (the endpoint reads it back with <see cref="FromValues"/>).</summary>
    public static string ToQuery(InspectionResultList.Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return FilterQuery.Of(
            ("inspection", filter.InspectionId?.ToString(CultureInfo.InvariantCulture)),
            ("result", filter.Result?.ToCode()),
            ("veto", filter.Veto?.ToCode()),
            ("unitId", filter.UnitId?.ToString(CultureInfo.InvariantCulture)),
            ("platform", filter.Platform?.ToCode()));
    }

    /// <summary>The export's query values as a filter; unknown values are ignored, as the queue's export does.</summary>
    public static InspectionResultList.Filter FromValues(long? inspection, string? result, string? veto, int? unitId, string? platform) => new()
    {
        InspectionId = inspection,
        Result = InspectionCodes.TryParseResult(result, out var kind) ? kind : null,
        Veto = InspectionCodes.TryParse(veto, out var v) && v.IsVeto() ? v : null,
        UnitId = unitId,
        Platform = Platforms.TryParse(platform, out var p) ? p : null,
    };

    protected override async Task OnInitializedAsync() => inspections = await Results.RecentAsync(await CurrentUser.GetScopeAsync());

    private async Task<TableData<InspectionResultList.Row>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var result = await Results.HandleAsync(new InspectionResultList.Query(filter, state.Page + 1, state.PageSize), await CurrentUser.GetScopeAsync(), cancellationToken);
        if (totalCount != result.Page.TotalCount || shown != result.Inspection)
        {
            // The count and the inspection shown live outside the table: re-render the page when they change.
            totalCount = result.Page.TotalCount;
            shown = result.Inspection;
            StateHasChanged();
        }

        return new TableData<InspectionResultList.Row> { Items = result.Page.Items, TotalItems = result.Page.TotalCount };
    }

    /// <summary>Inspects every account as of today (Shanghai), stores it, and shows it.</summary>
    private async Task RunNowAsync()
    {
        running = true;
        done = null;
        try
        {
            var scope = await CurrentUser.GetScopeAsync();
            var result = await Inspection.HandleAsync(new RunInspection.Command(Domain.Common.ShanghaiCalendar.Today(Clock), scope.UserName));
            done = string.Format(CultureInfo.CurrentCulture, L["Inspections.Done"], result.AccountCount.ToString("N0", CultureInfo.CurrentCulture), result.Failed.ToString("N0", CultureInfo.CurrentCulture));
            inspections = await Results.RecentAsync(scope);
            await SetAsync(filter with { InspectionId = null });
        }
        finally
        {
            running = false;
        }
    }

    private async Task<IEnumerable<UnitLookup.Option>> SearchUnitsAsync(string text, CancellationToken cancellationToken) =>
        await Units.SearchAsync(text, await CurrentUser.GetScopeAsync(), 50, cancellationToken);

    private Task OnInspectionAsync(long? value) => SetAsync(filter with { InspectionId = value });

    private Task OnResultAsync(InspectionResultKind? value) => SetAsync(filter with { Result = value });

    private Task OnVetoAsync(InspectionCode? value) => SetAsync(filter with { Veto = value });

    private Task OnPlatformAsync(Platform? value) => SetAsync(filter with { Platform = value });

    private Task OnUnitAsync(UnitLookup.Option? unit)
    {
        selectedUnit = unit;
        return SetAsync(filter with { UnitId = unit?.Id });
    }

    private async Task SetAsync(InspectionResultList.Filter value)
    {
        filter = value;
        if (table is not null)
        {
            await table.ReloadServerData();
        }
    }
}
