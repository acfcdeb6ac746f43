using System.Globalization;
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Web.Components.Pages.Closures;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Rectifications;

/// <summary>One task: the clerk answers with evidence; the reviewer accepts or sends back with a reason. The server checks every step again.</summary>
public partial class RectificationDetailPage
{
    private RectificationTaskDetail.Detail? detail;
    private bool notFound;
    private bool busy;
    private string? error;
    private string? answer;
    private string? reason;
    private IReadOnlyList<IBrowserFile> files = [];

    [Parameter]
    public long TaskId { get; set; }

    [Inject]
    private RectificationTaskDetail.Handler Detail { get; set; } = default!;

    [Inject]
    private AnswerRectification.Handler Answer { get; set; } = default!;

    [Inject]
    private ReviewRectification.Handler Review { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private string Heading => detail is null
        ? L["Rectification.Title"]
        : string.Format(CultureInfo.CurrentCulture, L["Rectification.Heading"], detail.Id, detail.AccountName);

    protected override Task OnParametersSetAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        try
        {
            detail = await Detail.HandleAsync(TaskId, await CurrentUser.GetScopeAsync());
            notFound = false;
        }
        catch (NotFoundOrForbiddenException)
        {
            // Another township's task answers exactly like a missing one.
            detail = null;
            notFound = true;
        }
    }

    private void OnFilesChanged(IReadOnlyList<IBrowserFile>? chosen) => files = chosen ?? [];

    private Task AnswerAsync() => RunAsync(async scope =>
    {
        var streams = files.Select(f => f.Size > FileSignature.MaxAttachmentBytes ? Stream.Null : f.OpenReadStream(FileSignature.MaxAttachmentBytes)).ToList();
        try
        {
            var uploads = files.Select((f, i) => new EvidenceUpload(f.Name, f.Size, streams[i])).ToList();
            await Answer.HandleAsync(new AnswerRectification.Command(detail!.Id, detail.Version, answer, uploads), scope);
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }

        files = [];
        answer = null;
    });

    private Task AcceptAsync() => RunAsync(scope => Review.HandleAsync(new ReviewRectification.Command(detail!.Id, detail.Version, true, null), scope));

    private Task SendBackAsync() => RunAsync(async scope =>
    {
        await Review.HandleAsync(new ReviewRectification.Command(detail!.Id, detail.Version, false, reason), scope);
        reason = null;
    });

    private async Task RunAsync(Func<UserScope, Task> step)
    {
        busy = true;
        error = null;
        try
        {
            await step(await CurrentUser.GetScopeAsync());
            Snackbar.Add(L["Rectification.Saved"], Severity.Success);
            await ReloadAsync();
        }
        catch (RectificationException ex)
        {
            error = RectificationLabels.Error(L, ex.Error);
        }
        catch (ClosureException ex)
        {
            error = ClosureLabels.Errors(L, ex);
        }
        catch (NotFoundOrForbiddenException)
        {
            error = L["Common.NotFound"];
        }
        finally
        {
            busy = false;
        }
    }
}
