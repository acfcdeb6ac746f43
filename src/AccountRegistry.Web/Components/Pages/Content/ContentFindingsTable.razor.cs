using AccountRegistry.Application.Common;
using AccountRegistry.Application.Content;
using AccountRegistry.Domain.Content;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Content;

public partial class ContentFindingsTable
{
    private readonly DialogOptions dialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private readonly ServerTable<ContentFindingList.Row, ContentFindingList.Filter> grid;
    private bool canDecide;
    private bool dialogOpen;
    private ContentFindingList.Row? selected;
    private DecideContentFinding.Verdict verdict;
    private string? note;
    private string? error;

    public ContentFindingsTable() => grid = new(new ContentFindingList.Filter(), LoadAsync, StateHasChanged);

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

    public Task ReloadAsync() => grid.SetAsync(grid.Filter);

    /// <summary>The queue page's filter changed: parameters reach a child only on the next render, so take them here.</summary>
    public Task SetFilterAsync(ContentCheck? check, ContentFindingStatus? status) => grid.SetAsync(grid.Filter with { Check = check, Status = status });

    protected override async Task OnInitializedAsync()
    {
        await grid.SetAsync(new ContentFindingList.Filter(Check, Status, AccountId));
        canDecide = DecideContentFinding.MayDecide(await CurrentUser.GetScopeAsync());
    }

    private async Task<PagedResult<ContentFindingList.Row>> LoadAsync(ContentFindingList.Filter filter, TableState state, CancellationToken cancellationToken) =>
        await Findings.ListAsync(filter, await CurrentUser.GetScopeAsync(), state.Page, state.PageSize, cancellationToken);

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
