using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Application.Units;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Reviews;

public partial class ReviewQueuePage
{
    private readonly ServerTable<ReviewQueue.Row, ReviewQueue.Filter> grid;
    private UnitLookup.Option? selectedUnit;
    private ReviewQueue.Counts counts = new(0, 0, 0);
    private HashSet<ReviewQueue.Row> selectedRows = [];
    private string? message;
    private Severity messageSeverity = Severity.Info;

    public ReviewQueuePage() => grid = new(new ReviewQueue.Filter(), LoadAsync, StateHasChanged);

    [Inject]
    private ReviewQueue.Handler Queue { get; set; } = default!;

    [Inject]
    private UnitLookup.Handler Units { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private string ExportUrl => "reviews/export.xlsx?" + ReviewFilterQuery.ToQuery(grid.Filter);

    private async Task<PagedResult<ReviewQueue.Row>> LoadAsync(ReviewQueue.Filter value, TableState state, CancellationToken cancellationToken)
    {
        var query = new ReviewQueue.Query
        {
            Filter = value,
            Sort = state.SortBy(ReviewQueue.SortColumn.FlaggedSince),
            Direction = state.Direction(),
            Page = state.PageNumber(),
            PageSize = state.PageSize,
        };
        var result = await Queue.HandleAsync(query, await CurrentUser.GetScopeAsync(), cancellationToken);
        if (counts != result.Counts)
        {
            // The counts by recommendation live outside the table too (the total count re-renders through the grid).
            counts = result.Counts;
            StateHasChanged();
        }

        return result.Page;
    }

    private async Task<IEnumerable<UnitLookup.Option>> SearchUnitsAsync(string text, CancellationToken cancellationToken) =>
        await Units.SearchAsync(text, await CurrentUser.GetScopeAsync(), 50, cancellationToken);

    private Task OnUnitAsync(UnitLookup.Option? unit)
    {
        selectedUnit = unit;
        return SetAsync(grid.Filter with { UnitId = unit?.Id });
    }

    private Task ResetAsync()
    {
        selectedUnit = null;
        return SetAsync(new ReviewQueue.Filter());
    }

    private Task SetAsync(ReviewQueue.Filter value)
    {
        selectedRows = [];
        return grid.SetAsync(value);
    }

    private async Task ApplySavedAsync(ReviewQueue.Filter saved)
    {
        selectedUnit = saved.UnitId is { } unitId ? await Units.GetAsync(unitId, await CurrentUser.GetScopeAsync()) : null;
        await SetAsync(saved);
    }

    private Task OnBulkDecidedAsync(BulkDecisions.Outcome outcome)
    {
        Show(outcome.Message, outcome.Severity);
        return SetAsync(grid.Filter);
    }

    private void Show(string text, Severity severity)
    {
        message = text;
        messageSeverity = severity;
    }
}
