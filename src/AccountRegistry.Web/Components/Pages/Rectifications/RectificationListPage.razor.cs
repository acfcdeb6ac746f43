using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Rectifications;

/// <summary>整改任务: a clerk's tasks (their unit subtree) or the district's, for the reviewer; paged in SQL.</summary>
public partial class RectificationListPage
{
    private readonly ServerTable<RectificationTaskList.Row, RectificationTaskList.Filter> grid;

    public RectificationListPage() => grid = new(new RectificationTaskList.Filter(), LoadAsync, StateHasChanged);

    [Inject]
    private RectificationTaskList.Handler Tasks { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "overdue")]
    public bool Overdue { get; set; }

    /// <summary>Before the table exists, so its first load already uses the query's filter.</summary>
    protected override Task OnInitializedAsync() => grid.SetAsync(grid.Filter with { OverdueOnly = Overdue });

    private async Task<Application.Common.PagedResult<RectificationTaskList.Row>> LoadAsync(
        RectificationTaskList.Filter filter, MudBlazor.TableState tableState, CancellationToken cancellationToken) =>
        await Tasks.HandleAsync(filter, tableState.PageNumber(), tableState.PageSize, await CurrentUser.GetScopeAsync(), cancellationToken);
}
