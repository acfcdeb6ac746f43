using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Rectifications;

/// <summary>整改任务: a clerk's tasks (their unit subtree) or the district's, for the reviewer; paged in SQL.</summary>
public partial class RectificationListPage
{
    private MudTable<RectificationTaskList.Row>? table;
    private RectificationState? state;
    private bool overdueOnly;
    private int totalCount;

    [Inject]
    private RectificationTaskList.Handler Tasks { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "overdue")]
    public bool Overdue { get; set; }

    protected override void OnInitialized() => overdueOnly = Overdue;

    private async Task<TableData<RectificationTaskList.Row>> LoadAsync(TableState tableState, CancellationToken cancellationToken)
    {
        var result = await Tasks.HandleAsync(new RectificationTaskList.Filter(state, overdueOnly), tableState.Page + 1, tableState.PageSize,
            await CurrentUser.GetScopeAsync(), cancellationToken);
        totalCount = result.TotalCount;
        return new TableData<RectificationTaskList.Row> { Items = result.Items, TotalItems = result.TotalCount };
    }

    private Task OnStateChangedAsync(RectificationState? value)
    {
        state = value;
        return table?.ReloadServerData() ?? Task.CompletedTask;
    }

    private Task OnOverdueChangedAsync(bool value)
    {
        overdueOnly = value;
        return table?.ReloadServerData() ?? Task.CompletedTask;
    }
}
