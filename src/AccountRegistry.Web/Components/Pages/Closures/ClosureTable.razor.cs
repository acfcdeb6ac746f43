using AccountRegistry.Application.Closures;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Closures;

/// <summary>The requests table of the list and the inbox: filters, sorting and paging all go to SQL.</summary>
public partial class ClosureTable
{
    private MudTable<ClosureRequestList.Row>? table;
    private ClosureState? state;
    private ClosureKind? kind;
    private string? search;
    private bool overdueOnly;
    private bool includeFinished;
    private int totalCount;

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

    protected override void OnInitialized() => overdueOnly = OverdueOnly;

    private async Task<TableData<ClosureRequestList.Row>> LoadAsync(TableState tableState, CancellationToken cancellationToken)
    {
        var query = new ClosureRequestList.Query
        {
            View = View,
            State = state,
            Kind = kind,
            Search = search,
            OverdueOnly = overdueOnly,
            IncludeFinished = includeFinished,
            Sort = Enum.TryParse<ClosureRequestList.SortColumn>(tableState.SortLabel, out var column) ? column : ClosureRequestList.SortColumn.DueOn,
            Direction = tableState.SortDirection == MudBlazor.SortDirection.Descending ? Application.Common.SortDirection.Descending : Application.Common.SortDirection.Ascending,
            Page = tableState.Page + 1,
            PageSize = tableState.PageSize,
        };
        var result = await List.HandleAsync(query, await CurrentUser.GetScopeAsync(), cancellationToken);
        if (totalCount != result.TotalCount)
        {
            totalCount = result.TotalCount;
            StateHasChanged();
        }

        return new TableData<ClosureRequestList.Row> { Items = result.Items, TotalItems = result.TotalCount };
    }

    private Task OnStateChangedAsync(ClosureState? value)
    {
        state = value;
        return ReloadAsync();
    }

    private Task OnKindChangedAsync(ClosureKind? value)
    {
        kind = value;
        return ReloadAsync();
    }

    private Task OnSearchChangedAsync(string? value)
    {
        search = value;
        return ReloadAsync();
    }

    private Task OnOverdueChangedAsync(bool value)
    {
        overdueOnly = value;
        return ReloadAsync();
    }

    private Task OnFinishedChangedAsync(bool value)
    {
        includeFinished = value;
        return ReloadAsync();
    }

    private Task ReloadAsync() => table?.ReloadServerData() ?? Task.CompletedTask;

    private void Open(ClosureRequestList.Row row) => Navigation.NavigateTo($"closures/{row.Id}");
}
