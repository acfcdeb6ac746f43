using AccountRegistry.Application.Common;
using AccountRegistry.Application.Duplicates;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Duplicates;

/// <summary>重复稿件: the county's duplicate groups (see <see cref="DuplicateGroups"/>), filtered and paged in SQL.</summary>
public partial class DuplicatesPage
{
    private readonly ServerTable<DuplicateGroups.Group, GroupFilter> grid;

    public DuplicatesPage() => grid = new(new GroupFilter(), LoadAsync, StateHasChanged);

    /// <summary>The filter on screen; the unit is kept whole so that its name shows in the picker.</summary>
    public sealed record GroupFilter(UnitLookup.Option? Unit = null, Platform? Platform = null, DateTime? From = null, DateTime? To = null);

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
            await grid.SetAsync(grid.Filter with { Unit = await Units.GetAsync(unitId, await CurrentUser.GetScopeAsync()) });
        }
    }

    private async Task<PagedResult<DuplicateGroups.Group>> LoadAsync(GroupFilter filter, TableState state, CancellationToken cancellationToken)
    {
        var query = new DuplicateGroups.Query
        {
            UnitId = filter.Unit?.Id,
            Platform = filter.Platform,
            From = filter.From is { } f ? DateOnly.FromDateTime(f) : null,
            To = filter.To is { } t ? DateOnly.FromDateTime(t) : null,
            Page = state.PageNumber(),
            PageSize = state.PageSize,
        };
        return await Groups.HandleAsync(query, await CurrentUser.GetScopeAsync(), cancellationToken);
    }

    private async Task<IEnumerable<UnitLookup.Option>> SearchUnitsAsync(string text, CancellationToken cancellationToken) =>
        await Units.SearchAsync(text, await CurrentUser.GetScopeAsync(), 50, cancellationToken);
}
