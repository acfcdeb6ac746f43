using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Reviews;

public partial class ReviewQueuePage
{
    private readonly DialogOptions dialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private readonly ServerTable<ReviewQueue.Row, ReviewQueue.Filter> grid;
    private UnitLookup.Option? selectedUnit;
    private ReviewQueue.Counts counts = new(0, 0, 0);
    private HashSet<ReviewQueue.Row> selectedRows = [];
    private IReadOnlyList<SavedFilters.Saved> saved = [];
    private bool saveDialogOpen;
    private string? saveName;
    private bool bulkDialogOpen;
    private DecisionKind bulkKind;
    private RetainReason? bulkRetainReason;
    private string? bulkReason;
    private int bulkConfirmedCount;
    private string? message;
    private Severity messageSeverity = Severity.Info;

    public ReviewQueuePage() => grid = new(new ReviewQueue.Filter(), LoadAsync, StateHasChanged);

    [Inject]
    private ReviewQueue.Handler Queue { get; set; } = default!;

    [Inject]
    private BulkDecide.Handler Bulk { get; set; } = default!;

    [Inject]
    private SavedFilters.Handler Filters { get; set; } = default!;

    [Inject]
    private UnitLookup.Handler Units { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private string ExportUrl => "reviews/export.xlsx?" + ReviewFilterQuery.ToQuery(grid.Filter);

    /// <summary>Ticked rows narrow a bulk decision; none ticked means the whole grid.Filter.</summary>
    private int BulkCount => selectedRows.Count > 0 ? selectedRows.Count : grid.TotalCount;

    private string BulkScopeText => selectedRows.Count > 0
        ? string.Format(CultureInfo.CurrentCulture, L["Review.BulkSelected"], selectedRows.Count)
        : string.Format(CultureInfo.CurrentCulture, L["Review.BulkFiltered"], grid.TotalCount);

    private string BulkConfirmText => string.Format(CultureInfo.CurrentCulture, L["Review.BulkConfirm." + bulkKind.ToCode()], bulkConfirmedCount);

    private bool BulkReady => bulkKind != DecisionKind.Retain
        || (bulkRetainReason is { } reason && (reason != RetainReason.Other || !string.IsNullOrWhiteSpace(bulkReason)));

    protected override async Task OnInitializedAsync() => saved = await Filters.ListAsync(await CurrentUser.GetScopeAsync());

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

    private async Task ApplySavedAsync(SavedFilters.Saved item)
    {
        selectedUnit = item.Filter.UnitId is { } unitId ? await Units.GetAsync(unitId, await CurrentUser.GetScopeAsync()) : null;
        await SetAsync(item.Filter);
    }

    private async Task SaveFilterAsync()
    {
        var scope = await CurrentUser.GetScopeAsync();
        await Filters.SaveAsync(saveName!, grid.Filter, scope);
        saved = await Filters.ListAsync(scope);
        saveDialogOpen = false;
        Show(string.Format(CultureInfo.CurrentCulture, L["Review.FilterSaved"], saveName), Severity.Success);
        saveName = null;
    }

    private async Task DeleteSavedAsync(SavedFilters.Saved item)
    {
        var scope = await CurrentUser.GetScopeAsync();
        await Filters.DeleteAsync(item.Id, scope);
        saved = await Filters.ListAsync(scope);
    }

    private void OpenBulk(DecisionKind kind)
    {
        bulkKind = kind;
        bulkConfirmedCount = BulkCount;
        bulkRetainReason = null;
        bulkReason = null;
        bulkDialogOpen = true;
    }

    private async Task BulkDecideAsync()
    {
        bulkDialogOpen = false;
        var command = new BulkDecide.Command
        {
            Filter = grid.Filter,
            AccountIds = selectedRows.Count > 0 ? selectedRows.Select(r => r.AccountId).ToList() : null,
            Kind = bulkKind,
            RetainReason = bulkKind == DecisionKind.Retain ? bulkRetainReason : null,
            Reason = bulkReason,
            ConfirmedCount = bulkConfirmedCount,
        };
        try
        {
            var outcome = await Bulk.HandleAsync(command, await CurrentUser.GetScopeAsync());
            Show(string.Format(CultureInfo.CurrentCulture, L["Review.BulkDone"], outcome.Decided), Severity.Success);
        }
        catch (BulkSelectionChangedException ex)
        {
            Show(string.Format(CultureInfo.CurrentCulture, L["Review.BulkChanged"], ex.Confirmed, ex.Actual), Severity.Warning);
        }
        catch (ReviewConflictException)
        {
            Show(L["Review.BulkConflict"], Severity.Warning);
        }
        catch (MergeTargetMissingException ex)
        {
            var names = string.Join("、", ex.Accounts.Take(5)) + (ex.Accounts.Count > 5 ? "…" : string.Empty);
            Show(string.Format(CultureInfo.CurrentCulture, L["Review.BulkNoHub"], ex.Accounts.Count, names), Severity.Error);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Show(ReviewTexts.Error(L, ex), Severity.Error);
        }

        await SetAsync(grid.Filter);
    }

    private void Show(string text, Severity severity)
    {
        message = text;
        messageSeverity = severity;
    }
}
