using AccountRegistry.Application.Common;
using AccountRegistry.Application.Content;
using AccountRegistry.Domain.Content;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Content;

public partial class ContentFindingsTable
{
    private readonly DialogOptions dialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private MudTable<ContentFindingList.Row>? table;
    private bool canDecide;
    private bool dialogOpen;
    private ContentFindingList.Row? selected;
    private DecideContentFinding.Verdict verdict;
    private string? note;
    private string? error;
    private ContentCheck? filterCheck;
    private ContentFindingStatus? filterStatus;

    [Parameter]
    public ContentCheck? Check { get; set; }

    [Parameter]
    public ContentFindingStatus? Status { get; set; } = ContentFindingStatus.Open;

    /// <summary>Only this account's findings (the account page).</summary>
    [Parameter]
    public int? AccountId { get; set; }

    /// <summary>After a decision, so that the page can refresh its counts.</summary>
    [Parameter]
    public EventCallback Decided { get; set; }

    [Inject]
    private ContentFindingList.Handler Findings { get; set; } = default!;

    [Inject]
    private DecideContentFinding.Handler Decide { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    public Task ReloadAsync() => table?.ReloadServerData() ?? Task.CompletedTask;

    /// <summary>The queue page's filter changed: parameters reach a child only on the next render, so take them here.</summary>
    public Task SetFilterAsync(ContentCheck? check, ContentFindingStatus? status)
    {
        filterCheck = check;
        filterStatus = status;
        return ReloadAsync();
    }

    protected override async Task OnInitializedAsync()
    {
        filterCheck = Check;
        filterStatus = Status;
        var scope = await CurrentUser.GetScopeAsync();
        canDecide = scope.IsAdmin || scope.IsReviewer;
    }

    private async Task<TableData<ContentFindingList.Row>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var filter = new ContentFindingList.Filter(filterCheck, filterStatus, AccountId);
        var result = await Findings.ListAsync(filter, await CurrentUser.GetScopeAsync(), state.Page, state.PageSize, cancellationToken);
        return new TableData<ContentFindingList.Row> { Items = result.Items, TotalItems = result.TotalCount };
    }

    private void Open(ContentFindingList.Row row, DecideContentFinding.Verdict value)
    {
        selected = row;
        verdict = value;
        note = null;
        error = null;
        dialogOpen = true;
    }

    private async Task DecideAsync()
    {
        if (selected is null)
        {
            return;
        }

        try
        {
            await Decide.DecideAsync(new DecideContentFinding.Command(selected.Id, verdict, note, selected.Version), await CurrentUser.GetScopeAsync());
            dialogOpen = false;
        }
        catch (ContentTermConflictException)
        {
            error = L["Content.DecidedMeanwhile"];
        }
        catch (ContentTermInvalidException)
        {
            error = L["Content.ReasonRequired"];
        }
        catch (NotFoundOrForbiddenException)
        {
            error = L["Common.Forbidden"];
        }

        await ReloadAsync();
        await Decided.InvokeAsync();
    }
}
