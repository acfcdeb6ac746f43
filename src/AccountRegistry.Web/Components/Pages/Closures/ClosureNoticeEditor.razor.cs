using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Closures;

public partial class ClosureNoticeEditor
{
    private string? text;
    private string? shownFor;
    private bool busy;
    private string? error;

    [Parameter, EditorRequired]
    public ClosureRequestDetail.Facts Facts { get; set; } = default!;

    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    private EditClosingNotice.Handler EditNotice { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool CanEdit => Facts.AllowedActions.Contains(ClosureAction.EditNotice);

    protected override void OnParametersSet()
    {
        // Keep what the clerk is typing across re-renders; take the stored text when it changed on the server.
        if (!string.Equals(shownFor, Facts.NoticeText, StringComparison.Ordinal))
        {
            text = Facts.NoticeText;
            shownFor = Facts.NoticeText;
        }
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("registry.copyText", CanEdit ? text : Facts.NoticeText);
            Snackbar.Add(L["Closure.Copied"], Severity.Success);
        }
        catch (JSException)
        {
            // No clipboard access (an insecure origin, a denied permission): the text is on screen to select by hand.
            Snackbar.Add(L["Closure.CopyFailed"], Severity.Warning);
        }
    }

    private Task SaveAsync() => StoreAsync(text);

    private Task ResetAsync() => StoreAsync(null);

    private async Task StoreAsync(string? value)
    {
        busy = true;
        error = null;
        try
        {
            await EditNotice.HandleAsync(Facts.Id, value, await CurrentUser.GetScopeAsync());
            shownFor = null;
            Snackbar.Add(L["Closure.Saved"], Severity.Success);
            await OnChanged.InvokeAsync();
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
