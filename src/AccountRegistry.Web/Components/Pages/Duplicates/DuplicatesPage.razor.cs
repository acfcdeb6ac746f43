using AccountRegistry.Application.Duplicates;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Duplicates;

/// <summary>重复稿件: the county's duplicate groups (see <see cref="DuplicateGroups"/>), filtered and paged in SQL.</summary>
public partial class DuplicatesPage
{
    private MudTable<DuplicateGroups.Group>? table;
    private UnitLookup.Option? selectedUnit;
    private Platform? platform;
    private DateTime? from;
    private DateTime? to;
    private int totalCount;

    [Inject]
    private DuplicateGroups.Handler Groups { get; set; } = default!;

    [Inject]
    private UnitLookup.Handler Units { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    /// <summary>Lets other pages link to the groups of one unit.</summary>
    [SupplyParameterFromQuery(Name = "unitId")]
    public int? UnitIdFromQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (UnitIdFromQuery is { } unitId)
        {
            selectedUnit = await Units.GetAsync(unitId, await CurrentUser.GetScopeAsync());
        }
    }

    private async Task<TableData<DuplicateGroups.Group>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var query = new DuplicateGroups.Query
        {
            UnitId = selectedUnit?.Id,
            Platform = platform,
            From = from is { } f ? DateOnly.FromDateTime(f) : null,
            To = to is { } t ? DateOnly.FromDateTime(t) : null,
            Page = state.Page + 1,
            PageSize = state.PageSize,
        };
        var result = await Groups.HandleAsync(query, await CurrentUser.GetScopeAsync(), cancellationToken);
        if (totalCount != result.TotalCount)
        {
            // The count lives outside the table: re-render the page, not only the table, when it changes.
            totalCount = result.TotalCount;
            StateHasChanged();
        }

        return new TableData<DuplicateGroups.Group> { Items = result.Items, TotalItems = result.TotalCount };
    }

    private async Task<IEnumerable<UnitLookup.Option>> SearchUnitsAsync(string text, CancellationToken cancellationToken) =>
        await Units.SearchAsync(text, await CurrentUser.GetScopeAsync(), 50, cancellationToken);

    private Task OnUnitChangedAsync(UnitLookup.Option? unit)
    {
        selectedUnit = unit;
        return ReloadAsync();
    }

    private Task OnPlatformChangedAsync(Platform? value)
    {
        platform = value;
        return ReloadAsync();
    }

    private Task OnFromChangedAsync(DateTime? value)
    {
        from = value;
        return ReloadAsync();
    }

    private Task OnToChangedAsync(DateTime? value)
    {
        to = value;
        return ReloadAsync();
    }

    private Task ResetAsync()
    {
        selectedUnit = null;
        platform = null;
        from = null;
        to = null;
        return ReloadAsync();
    }

    private Task ReloadAsync() => table?.ReloadServerData() ?? Task.CompletedTask;
}
