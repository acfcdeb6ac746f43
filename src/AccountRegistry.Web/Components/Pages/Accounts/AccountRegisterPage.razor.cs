using AccountRegistry.Application.Accounts;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Accounts;

public partial class AccountRegisterPage
{
    private MudTable<AccountRegister.Row>? table;
    private UnitLookup.Option? selectedUnit;
    private Platform? platform;
    private AccountStatus? status;
    private UnitLevel? level;
    private string? search;
    private int totalCount;

    [Inject]
    private AccountRegister.Handler Register { get; set; } = default!;

    [Inject]
    private UnitLookup.Handler Units { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Lets other pages (the dashboard's drill-down) link to the register filtered to one unit.</summary>
    [SupplyParameterFromQuery(Name = "unitId")]
    public int? UnitIdFromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusFromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "platform")]
    public string? PlatformFromQuery { get; set; }

    private string ExportUrl
    {
        get
        {
            var parts = new List<string>();
            if (selectedUnit is not null)
            {
                parts.Add($"unitId={selectedUnit.Id}");
            }

            if (platform is { } p)
            {
                parts.Add($"platform={p.ToCode()}");
            }

            if (status is { } s)
            {
                parts.Add($"status={s.ToCode()}");
            }

            if (level is { } l)
            {
                parts.Add($"level={l.ToCode()}");
            }

            if (!string.IsNullOrWhiteSpace(search))
            {
                parts.Add($"search={Uri.EscapeDataString(search)}");
            }

            return "accounts/export.xlsx" + (parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts));
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (UnitIdFromQuery is { } unitId)
        {
            selectedUnit = await Units.GetAsync(unitId, await CurrentUser.GetScopeAsync());
        }

        if (AccountStatuses.TryParse(StatusFromQuery, out var s))
        {
            status = s;
        }

        if (Platforms.TryParse(PlatformFromQuery, out var p))
        {
            platform = p;
        }
    }

    private async Task<TableData<AccountRegister.Row>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var query = new AccountRegister.Query
        {
            UnitId = selectedUnit?.Id,
            Platform = platform,
            Status = status,
            Level = level,
            Search = search,
            Sort = Enum.TryParse<AccountRegister.SortColumn>(state.SortLabel, out var column) ? column : AccountRegister.SortColumn.Name,
            Direction = state.SortDirection == MudBlazor.SortDirection.Descending ? Application.Common.SortDirection.Descending : Application.Common.SortDirection.Ascending,
            Page = state.Page + 1,
            PageSize = state.PageSize,
        };
        var result = await Register.HandleAsync(query, await CurrentUser.GetScopeAsync(), cancellationToken);
        if (totalCount != result.TotalCount)
        {
            // The count lives outside the table: re-render the page, not only the table, when it changes.
            totalCount = result.TotalCount;
            StateHasChanged();
        }

        return new TableData<AccountRegister.Row> { Items = result.Items, TotalItems = result.TotalCount };
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

    private Task OnStatusChangedAsync(AccountStatus? value)
    {
        status = value;
        return ReloadAsync();
    }

    private Task OnLevelChangedAsync(UnitLevel? value)
    {
        level = value;
        return ReloadAsync();
    }

    private Task OnSearchChangedAsync(string? value)
    {
        search = value;
        return ReloadAsync();
    }

    private Task ResetAsync()
    {
        selectedUnit = null;
        platform = null;
        status = null;
        level = null;
        search = null;
        return ReloadAsync();
    }

    private Task ReloadAsync() => table?.ReloadServerData() ?? Task.CompletedTask;

    private void OpenAccount(AccountRegister.Row row) => Navigation.NavigateTo($"accounts/{row.Id}");
}
