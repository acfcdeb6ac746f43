using System.Globalization;
using AccountRegistry.Application.Accounts;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Reviews;

public partial class ReviewAccountPage
{
    private readonly DialogOptions dialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private ReviewCase.Case? reviewCase;
    private bool notFound;
    private string[] chartLabels = [];
    private List<ChartSeries<double>> chartSeries = [];
    private PagedResult<ReviewCase.DuplicatePair> duplicates = new([], 0, 1, DuplicatesPageSize);
    private IReadOnlyList<ReviewCase.Sibling> siblings = [];
    private ReviewConflictException? conflict;
    private string? notice;
    private Severity noticeSeverity = Severity.Success;
    private bool dismissOpen;
    private ReviewCase.FlagView? dismissing;
    private string? dismissReason;

    private const int DuplicatesPageSize = 5;

    [Parameter]
    public int AccountId { get; set; }

    [Inject]
    private ReviewCase.Handler Cases { get; set; } = default!;

    [Inject]
    private AccountDetail.Handler Detail { get; set; } = default!;

    [Inject]
    private DismissFlag.Handler Dismissals { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        conflict = null;
        notice = null;
        await LoadAsync();
    }

    private string DescribeDecision(DecisionSummary decision) => ReviewTexts.Describe(decision, L);

    private async Task LoadAsync()
    {
        var scope = await CurrentUser.GetScopeAsync();
        try
        {
            reviewCase = await Cases.GetAsync(AccountId, scope);
            notFound = false;
        }
        catch (NotFoundOrForbiddenException)
        {
            // Another district's account answers exactly like a missing one.
            reviewCase = null;
            notFound = true;
            return;
        }

        var months = await Detail.ReadsOverTimeAsync(AccountId, scope);
        var labelEvery = Math.Max(1, months.Count / 8);
        chartLabels = months.Select((m, i) => i % labelEvery == 0 || i == months.Count - 1
            ? m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : string.Empty).ToArray();
        chartSeries = [new ChartSeries<double> { Name = L["Detail.ReadsSeries"], Data = months.Select(m => (double)m.Reads).ToArray() }];
        siblings = await Cases.SiblingsAsync(AccountId, scope);
        await LoadDuplicatesAsync(1);
    }

    private async Task LoadDuplicatesAsync(int page) =>
        duplicates = await Cases.DuplicatesAsync(AccountId, await CurrentUser.GetScopeAsync(), page, DuplicatesPageSize);

    private async Task ReloadAsync()
    {
        conflict = null;
        notice = null;
        await LoadAsync();
    }

    private async Task OnDecidedAsync(string text)
    {
        await LoadAsync();
        conflict = null;
        notice = text;
        noticeSeverity = Severity.Success;
    }

    private void OnConflict(ReviewConflictException exception)
    {
        conflict = exception;
        notice = null;
    }

    private void OpenDismiss(ReviewCase.FlagView flag)
    {
        dismissing = flag;
        dismissReason = null;
        dismissOpen = true;
    }

    private async Task DismissAsync()
    {
        dismissOpen = false;
        if (reviewCase is null || dismissing is null)
        {
            return;
        }

        try
        {
            await Dismissals.HandleAsync(
                new DismissFlag.Command { AccountId = AccountId, FlagId = dismissing.Id, Reason = dismissReason!, ExpectedVersion = reviewCase.ReviewVersion },
                await CurrentUser.GetScopeAsync());
            await OnDecidedAsync(string.Format(CultureInfo.CurrentCulture, L["Review.Dismissed"], ReviewTexts.Rule(dismissing.Rule)));
        }
        catch (ReviewConflictException ex)
        {
            OnConflict(ex);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            notice = ReviewTexts.Error(L, ex);
            noticeSeverity = Severity.Error;
        }
    }
}
