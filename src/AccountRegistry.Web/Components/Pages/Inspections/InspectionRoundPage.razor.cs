using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Web.Components.Pages.Closures;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Inspections;

/// <summary>一轮检查: its drawn accounts with their verdicts (paged), run, manual findings added and taken back, publish, and the 通报 once published.</summary>
public partial class InspectionRoundPage
{
    private MudTable<InspectionRoundResults.Row>? table;
    private InspectionRound? round;
    private IReadOnlyList<string> unitNames = [];
    private bool notFound;
    private bool busy;
    private string? error;
    private int totalCount;
    private uint version;
    private int workingDays = InspectionRoundReport.DefaultWorkingDays;

    private InspectionRoundResults.Row? target;
    private ManualFindingKind kind = ManualFindingKind.Veto;
    private ManualFindingItem item = ManualFindingItem.BrokenMenu;
    private int points = 5;
    private string? note;
    private IBrowserFile? screenshot;

    private InspectionRoundResults.Finding? removing;
    private string? removeReason;

    [Parameter]
    public long RoundId { get; set; }

    [Inject]
    private InspectionRoundList.Handler Rounds { get; set; } = default!;

    [Inject]
    private InspectionRoundResults.Handler Results { get; set; } = default!;

    [Inject]
    private RunInspectionRound.Handler Run { get; set; } = default!;

    [Inject]
    private AddRoundFinding.Handler AddFinding { get; set; } = default!;

    [Inject]
    private RemoveRoundFinding.Handler RemoveFinding { get; set; } = default!;

    [Inject]
    private PublishInspectionRound.Handler Publish { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            (round, unitNames) = await Rounds.GetAsync(RoundId, await CurrentUser.GetScopeAsync());
            version = round.Version;
        }
        catch (NotFoundOrForbiddenException)
        {
            notFound = true;
        }
    }

    private async Task<TableData<InspectionRoundResults.Row>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Results.HandleAsync(RoundId, state.Page + 1, state.PageSize, await CurrentUser.GetScopeAsync(), cancellationToken);
        version = page.Version;
        if (totalCount != page.Rows.TotalCount)
        {
            totalCount = page.Rows.TotalCount;
            StateHasChanged();
        }

        return new TableData<InspectionRoundResults.Row> { Items = page.Rows.Items, TotalItems = page.Rows.TotalCount };
    }

    private Task RunAsync() => ActAsync(async scope => (await Run.HandleAsync(new RunInspectionRound.Command(RoundId, version), scope)).Version, L["Rounds.RunDone"]);

    private Task PublishAsync() => ActAsync(scope => Publish.HandleAsync(new PublishInspectionRound.Command(RoundId, version), scope), L["Rounds.PublishDone"]);

    private void StartFinding(InspectionRoundResults.Row row)
    {
        removing = null;
        target = row;
        note = null;
        screenshot = null;
        error = null;
    }

    private void StartRemove(InspectionRoundResults.Finding finding)
    {
        target = null;
        removing = finding;
        removeReason = null;
        error = null;
    }

    private void OnFileChosen(IBrowserFile? file) => screenshot = file;

    private async Task AddFindingAsync()
    {
        if (target is not { } row)
        {
            return;
        }

        if (screenshot is not { } file)
        {
            error = L["Round.Error.ScreenshotRequired"];
            return;
        }

        await ActAsync(
            async scope =>
            {
                // A file declared above the limit is never streamed: the handler refuses it on its size alone.
                await using var content = file.Size > FileSignature.MaxAttachmentBytes ? new MemoryStream(new byte[FileSignature.MaxAttachmentBytes + 1]) : file.OpenReadStream(FileSignature.MaxAttachmentBytes);
                var result = await AddFinding.HandleAsync(
                    new AddRoundFinding.Command(RoundId, version, row.AccountId, kind, item, kind == ManualFindingKind.Deduction ? points : 0, note ?? string.Empty, file.Name, content), scope);
                target = null;
                return result.Version;
            },
            L["Rounds.Finding.Added"]);
    }

    private async Task RemoveFindingAsync()
    {
        if (removing is not { } finding)
        {
            return;
        }

        await ActAsync(
            async scope =>
            {
                var result = await RemoveFinding.HandleAsync(new RemoveRoundFinding.Command(RoundId, version, finding.Id, removeReason ?? string.Empty), scope);
                removing = null;
                return result;
            },
            L["Rounds.Removed"]);
    }

    /// <summary>One change to the round: refusals shown as the resources' Chinese messages, the page reloaded after.</summary>
    private async Task ActAsync(Func<UserScope, Task<uint>> action, string done)
    {
        busy = true;
        error = null;
        try
        {
            version = await action(await CurrentUser.GetScopeAsync());
            Snackbar.Add(done, Severity.Success);
            (round, unitNames) = await Rounds.GetAsync(RoundId, await CurrentUser.GetScopeAsync());
            version = round.Version;
            if (table is not null)
            {
                await table.ReloadServerData();
            }
        }
        catch (RoundException ex)
        {
            error = RoundLabels.Error(L, ex);
        }
        catch (ClosureException ex)
        {
            error = string.Format(CultureInfo.CurrentCulture, L["Closure.UploadRefused"], FileSignature.CleanFileName(screenshot?.Name), ClosureLabels.Errors(L, ex));
        }
        catch (NotFoundOrForbiddenException)
        {
            notFound = true;
        }
        finally
        {
            busy = false;
        }
    }
}
