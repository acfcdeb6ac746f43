using System.Globalization;
using AccountRegistry.Application.Accounts;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Accounts;

public partial class AccountRegisterPage : IDisposable
{
    private static readonly int[] PageSizes = [25, 50, 100, 200];
    private static readonly Platform[] PlatformOptions = Enum.GetValues<Platform>();
    private static readonly AccountStatus[] StatusOptions = Enum.GetValues<AccountStatus>();
    private static readonly UnitLevel[] LevelOptions = Enum.GetValues<UnitLevel>();

    // A select's items are components of the circuit even while it is closed; they exist only while it is open
    // (the chosen value's label comes from ToStringFunc).
    private bool platformOpen;
    private bool statusOpen;
    private bool levelOpen;

    private RegisterFilter filter = new();
    private AccountRegister.SortColumn sort = AccountRegister.SortColumn.Name;
    private Application.Common.SortDirection direction = Application.Common.SortDirection.Ascending;
    private int page = 1;
    private int pageSize = PageSizes[0];
    private RegisterView? view;
    private CancellationTokenSource? loading;

    /// <summary>The filter on screen; the unit is kept whole so that its name shows in the picker.</summary>
    public sealed record RegisterFilter(
        UnitLookup.Option? Unit = null, Platform? Platform = null, AccountStatus? Status = null, UnitLevel? Level = null, string? Search = null);

    /// <summary>What the prerender read (the unit named in the URL, the first page and the count), handed to the
    /// interactive render so that it reads nothing again; afterwards, the rows on screen and which page they are.</summary>
    public sealed record RegisterView(UnitLookup.Option? Unit, IReadOnlyList<AccountRegister.Row> Items, int TotalCount, int Page, int PageSize);

    [PersistentState]
    public RegisterView? Prerendered { get; set; }

    private int TotalCount => view?.TotalCount ?? 0;

    private int PageCount => Math.Max(1, (TotalCount + pageSize - 1) / pageSize);

    private string PagerInfo
    {
        get
        {
            // The rows on screen, not the page asked for: while a new page loads, the caption still matches the rows.
            var shownPage = view?.Page ?? page;
            var shownSize = view?.PageSize ?? pageSize;
            var first = TotalCount == 0 ? 0 : ((shownPage - 1) * shownSize) + 1;
            var last = Math.Min(shownPage * shownSize, TotalCount);
            return L["Pager.Info"].Value
                .Replace("{first_item}", first.ToString(CultureInfo.CurrentCulture), StringComparison.Ordinal)
                .Replace("{last_item}", last.ToString(CultureInfo.CurrentCulture), StringComparison.Ordinal)
                .Replace("{all_items}", TotalCount.ToString(CultureInfo.CurrentCulture), StringComparison.Ordinal);
        }
    }

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
            if (filter.Unit is not null)
            {
                parts.Add($"unitId={filter.Unit.Id}");
            }

            if (filter.Platform is { } p)
            {
                parts.Add($"platform={p.ToCode()}");
            }

            if (filter.Status is { } s)
            {
                parts.Add($"status={s.ToCode()}");
            }

            if (filter.Level is { } l)
            {
                parts.Add($"level={l.ToCode()}");
            }

            if (!string.IsNullOrWhiteSpace(filter.Search))
            {
                parts.Add($"search={Uri.EscapeDataString(filter.Search)}");
            }

            return "accounts/export.xlsx" + (parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts));
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (AccountStatuses.TryParse(StatusFromQuery, out var s))
        {
            filter = filter with { Status = s };
        }

        if (Platforms.TryParse(PlatformFromQuery, out var p))
        {
            filter = filter with { Platform = p };
        }

        if (Prerendered is { } prerendered)
        {
            filter = filter with { Unit = prerendered.Unit };
            view = prerendered;
            return;
        }

        if (UnitIdFromQuery is { } unitId)
        {
            filter = filter with { Unit = await Units.GetAsync(unitId, await CurrentUser.GetScopeAsync()) };
        }

        await LoadAsync();
        Prerendered = view;
    }

    private async Task LoadAsync()
    {
        if (loading is not null)
        {
            await loading.CancelAsync();
            loading.Dispose();
        }

        var current = loading = new CancellationTokenSource();
        var query = new AccountRegister.Query
        {
            UnitId = filter.Unit?.Id,
            Platform = filter.Platform,
            Status = filter.Status,
            Level = filter.Level,
            Search = filter.Search,
            Sort = sort,
            Direction = direction,
            Page = page,
            PageSize = pageSize,
        };
        try
        {
            var result = await Register.HandleAsync(query, await CurrentUser.GetScopeAsync(), current.Token);
            view = new RegisterView(filter.Unit, result.Items, result.TotalCount, result.Page, result.PageSize);
        }
        catch (OperationCanceledException) when (current.IsCancellationRequested)
        {
            // A newer filter or page replaced this one; its own load renders the rows.
        }
    }

    private RenderFragment SortHeader(AccountRegister.SortColumn column, string label) => builder =>
    {
        var active = sort == column;
        var descending = active && direction == Application.Common.SortDirection.Descending;
        builder.OpenElement(0, "th");
        builder.AddAttribute(1, "class", "mud-table-cell");
        builder.AddAttribute(2, "aria-sort", active ? (descending ? "descending" : "ascending") : "none");
        builder.OpenElement(3, "button");
        builder.AddAttribute(4, "type", "button");
        builder.AddAttribute(5, "class", "mud-button-root mud-table-sort-label");
        builder.AddAttribute(6, "onclick", EventCallback.Factory.Create(this, () => SortByAsync(column)));
        builder.AddContent(7, label);
        if (active)
        {
            builder.OpenElement(8, "svg");
            builder.AddAttribute(9, "class", "mud-icon-root mud-svg-icon mud-icon-size-medium mud-table-sort-label-icon " + (descending ? "mud-direction-desc" : "mud-direction-asc"));
            builder.AddAttribute(10, "viewBox", "0 0 24 24");
            builder.AddAttribute(11, "aria-hidden", "true");
            builder.AddMarkupContent(12, Icons.Material.Filled.ArrowUpward);
            builder.CloseElement();
        }

        builder.CloseElement();
        builder.CloseElement();
    };

    private RenderFragment PagerButton(string icon, bool enabled, int target, string label) => builder =>
    {
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "type", "button");
        builder.AddAttribute(2, "class", "mud-button-root mud-icon-button mud-ripple mud-ripple-icon" + (enabled ? string.Empty : " mud-disabled"));
        builder.AddAttribute(3, "disabled", !enabled);
        builder.AddAttribute(4, "aria-label", label);
        builder.AddAttribute(5, "onclick", EventCallback.Factory.Create(this, () => GoToPageAsync(target)));
        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "mud-icon-button-label");
        builder.OpenElement(8, "svg");
        builder.AddAttribute(9, "class", "mud-icon-root mud-svg-icon mud-icon-size-medium");
        builder.AddAttribute(10, "viewBox", "0 0 24 24");
        builder.AddAttribute(11, "aria-hidden", "true");
        builder.AddMarkupContent(12, icon);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    private static IEnumerable<T> OptionsWhile<T>(bool open, T[] options) => open ? options : [];

    private static string StatusChipClass(AccountStatus status) => status switch
    {
        AccountStatus.Active => "mud-chip-color-success",
        AccountStatus.Merged => "mud-chip-color-info",
        _ => "mud-chip-color-default",
    };

    private Task SortByAsync(AccountRegister.SortColumn column)
    {
        // Like MudTable's sort labels: a new column sorts ascending, the same column again flips the direction.
        direction = sort == column && direction == Application.Common.SortDirection.Ascending
            ? Application.Common.SortDirection.Descending
            : Application.Common.SortDirection.Ascending;
        sort = column;
        page = 1;
        return LoadAsync();
    }

    private Task GoToPageAsync(int target)
    {
        page = Math.Clamp(target, 1, PageCount);
        return LoadAsync();
    }

    private Task OnPageSizeChangedAsync(ChangeEventArgs args)
    {
        if (int.TryParse(args.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size))
        {
            pageSize = size;
            page = 1;
        }

        return LoadAsync();
    }

    private async Task<IEnumerable<UnitLookup.Option>> SearchUnitsAsync(string text, CancellationToken cancellationToken) =>
        await Units.SearchAsync(text, await CurrentUser.GetScopeAsync(), 50, cancellationToken);

    /// <summary>Shows another filter from the first page.</summary>
    private Task SetAsync(RegisterFilter value)
    {
        filter = value;
        page = 1;
        return LoadAsync();
    }

    private void OpenAccount(AccountRegister.Row row) => Navigation.NavigateTo($"accounts/{row.Id}");

    public void Dispose()
    {
        loading?.Cancel();
        loading?.Dispose();
        GC.SuppressFinalize(this);
    }
}
