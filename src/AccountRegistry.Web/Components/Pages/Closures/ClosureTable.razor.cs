using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Closures;

/// <summary>The requests table of the list and the inbox: filters, sorting and paging all go to SQL.</summary>
public partial class ClosureTable
{
    private readonly ServerTable<ClosureRequestList.Row, RequestFilter> grid;

    public ClosureTable() => grid = new(new RequestFilter(), LoadAsync, StateHasChanged);

    public sealed record RequestFilter(
        ClosureState? State = null, ClosureKind? Kind = null, string? Search = null, bool OverdueOnly = false, bool IncludeFinished = false);

    [Parameter]
    public ClosureRequestList.View View { get; set; } = ClosureRequestList.View.All;

    /// <summary>Lets a link (the bell, the dashboard) open the list showing only overdue requests.</summary>
    [Parameter]
    public bool OverdueOnly { get; set; }

    [Inject]
    private ClosureRequestList.Handler List { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override Task OnInitializedAsync() => grid.SetAsync(grid.Filter with { OverdueOnly = OverdueOnly });

    private async Task<PagedResult<ClosureRequestList.Row>> LoadAsync(RequestFilter filter, TableState tableState, CancellationToken cancellationToken)
    {
        var query = new ClosureRequestList.Query
        {
            View = View,
            State = filter.State,
            Kind = filter.Kind,
            Search = filter.Search,
            OverdueOnly = filter.OverdueOnly,
            IncludeFinished = filter.IncludeFinished,
            Sort = tableState.SortBy(ClosureRequestList.SortColumn.DueOn),
            Direction = tableState.Direction(),
            Page = tableState.PageNumber(),
            PageSize = tableState.PageSize,
        };
        return await List.HandleAsync(query, await CurrentUser.GetScopeAsync(), cancellationToken);
    }

    private void Open(ClosureRequestList.Row row) => Navigation.NavigateTo($"closures/{row.Id}");
}
