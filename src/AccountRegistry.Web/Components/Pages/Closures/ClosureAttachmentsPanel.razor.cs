using System.Globalization;
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Closures;

public partial class ClosureAttachmentsPanel
{
    private AttachmentPurpose purpose = AttachmentPurpose.Proof;
    private ClosureState? purposeChosenFor;
    private bool busy;
    private string? error;

    [Parameter, EditorRequired]
    public ClosureRequestDetail.Facts Facts { get; set; } = default!;

    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    private ClosureAttachments.Handler Attachments { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Suggests the file the current step needs; the user's own choice stands until the state moves on.</summary>
    protected override void OnParametersSet()
    {
        if (purposeChosenFor == Facts.State)
        {
            return;
        }

        purposeChosenFor = Facts.State;
        purpose = Facts.State switch
        {
            ClosureState.Approved => AttachmentPurpose.Notice,
            ClosureState.NoticePosted => AttachmentPurpose.Proof,
            _ => AttachmentPurpose.Supporting,
        };
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
    };

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        busy = true;
        error = null;
        try
        {
            // A file declared above the limit is never streamed: the handler refuses it on its size alone.
            await using var content = file.Size > FileSignature.MaxAttachmentBytes
                ? Stream.Null
                : file.OpenReadStream(FileSignature.MaxAttachmentBytes);
            await Attachments.UploadAsync(new ClosureAttachments.Upload(Facts.Id, purpose, file.Name, file.Size, content), await CurrentUser.GetScopeAsync());
            Snackbar.Add(string.Format(CultureInfo.CurrentCulture, L["Closure.Uploaded"], file.Name), Severity.Success);
            await OnChanged.InvokeAsync();
        }
        catch (ClosureException ex)
        {
            error = string.Format(CultureInfo.CurrentCulture, L["Closure.UploadRefused"], FileSignature.CleanFileName(file.Name), ClosureLabels.Errors(L, ex));
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
