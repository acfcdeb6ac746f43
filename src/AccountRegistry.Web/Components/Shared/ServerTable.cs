using AccountRegistry.Application.Common;
using MudBlazor;

namespace AccountRegistry.Web.Components.Shared;

/// <summary>
/// The one way to build a server-side table page: the page keeps its filter as a record, binds the table with
/// <c>@ref="grid.Table" ServerData="grid.LoadAsync"</c> and changes the filter with <c>grid.SetAsync(grid.Filter with { … })</c>.
/// Paging and sorting go to SQL through the page's loader; the total count, shown outside the table, re-renders the page
/// (not only the table) when it changes.
/// </summary>
/// <param name="filter">The filter the page opens with.</param>
/// <param name="load">Reads one page for a filter; <see cref="TableState"/> carries MudTable's page, size and sort.</param>
/// <param name="countChanged">The page's <c>StateHasChanged</c>.</param>
public sealed class ServerTable<TRow, TFilter>(
    TFilter filter,
    Func<TFilter, TableState, CancellationToken, Task<PagedResult<TRow>>> load,
    Action countChanged)
{
    public MudTable<TRow>? Table { get; set; }

    public TFilter Filter { get; private set; } = filter;

    public int TotalCount { get; private set; }

    /// <summary>Shows another filter from the first page; the same filter again reloads the rows.</summary>
    public Task SetAsync(TFilter value)
    {
        Filter = value;
        return Table?.ReloadServerData() ?? Task.CompletedTask;
    }

    public async Task<TableData<TRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await load(Filter, state, cancellationToken);
        if (TotalCount != page.TotalCount)
        {
            TotalCount = page.TotalCount;
            countChanged();
        }

        return new TableData<TRow> { Items = page.Items, TotalItems = page.TotalCount };
    }
}

/// <summary>MudTable's paging and sorting in the terms of our queries (pages from 1, our sort columns and direction).</summary>
public static class TableStates
{
    public static int PageNumber(this TableState state) => state.Page + 1;

    /// <summary>The column of the clicked sort label (labels are the column's enum name), else the query's default.</summary>
    public static TColumn SortBy<TColumn>(this TableState state, TColumn fallback)
        where TColumn : struct, Enum =>
        Enum.TryParse<TColumn>(state.SortLabel, out var column) ? column : fallback;

    public static Application.Common.SortDirection Direction(this TableState state) =>
        state.SortDirection == MudBlazor.SortDirection.Descending
            ? Application.Common.SortDirection.Descending
            : Application.Common.SortDirection.Ascending;
}
