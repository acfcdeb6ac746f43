using AccountRegistry.Application.Accounts;
using AccountRegistry.Application.Common;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Accounts;

public partial class AccountDetailPage
{
    private AccountDetail.Facts? facts;
    private bool notFound;
    private string[] chartLabels = [];
    private List<ChartSeries<double>> chartSeries = [];

    [Parameter]
    public int AccountId { get; set; }

    [Inject]
    private AccountDetail.Handler Detail { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private List<BreadcrumbItem> Breadcrumbs =>
        facts?.UnitPath.Select(step => new BreadcrumbItem(step.Name, $"accounts?unitId={step.Id}")).ToList() ?? [];

    protected override async Task OnParametersSetAsync()
    {
        var scope = await CurrentUser.GetScopeAsync();
        try
        {
            facts = await Detail.GetAsync(AccountId, scope);
            notFound = false;
        }
        catch (NotFoundOrForbiddenException)
        {
            // Another township's account answers exactly like a missing one.
            facts = null;
            notFound = true;
            return;
        }

        var months = await Detail.ReadsOverTimeAsync(AccountId, scope);
        // Every month gets a point, but only every few a label: two years of "yyyy-MM" labels would overlap.
        var labelEvery = Math.Max(1, months.Count / 8);
        chartLabels = months.Select((m, i) => i % labelEvery == 0 || i == months.Count - 1
            ? m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)
            : string.Empty).ToArray();
        chartSeries =
        [
            new ChartSeries<double> { Name = L["Detail.ReadsSeries"], Data = months.Select(m => (double)m.Reads).ToArray() },
        ];
    }

    private async Task<TableData<AccountDetail.PostRow>> LoadPostsAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Detail.PostsAsync(AccountId, await CurrentUser.GetScopeAsync(), state.Page + 1, state.PageSize, cancellationToken);
        return new TableData<AccountDetail.PostRow> { Items = page.Items, TotalItems = page.TotalCount };
    }
}
