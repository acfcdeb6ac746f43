using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Closures;

public partial class ClosureFormShell
{
    private bool busy;

    [Parameter]
    [EditorRequired]
    public ClosureFormErrors Errors { get; set; } = default!;

    /// <summary>The request being revised; null for a new one.</summary>
    [Parameter]
    public int? RequestId { get; set; }

    [Parameter]
    public bool Loaded { get; set; }

    [Parameter]
    public bool NotFound { get; set; }

    /// <summary>Only what the server cannot be asked about without a subject (which account or unit); true when it may be sent.</summary>
    [Parameter]
    public Func<bool> ValidateLocally { get; set; } = () => true;

    /// <summary>Files or revises the request (submitting it when asked) and returns its id.</summary>
    [Parameter]
    [EditorRequired]
    public Func<UserScope, bool, Task<int>> Send { get; set; } = default!;

    /// <summary>The request the account already has open, linked when that is why the server refused.</summary>
    [Parameter]
    public int? OpenRequestId { get; set; }

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private async Task SaveAsync(bool submit)
    {
        Errors.ClearAll();
        if (!ValidateLocally())
        {
            return;
        }

        busy = true;
        try
        {
            var id = await Send(await CurrentUser.GetScopeAsync(), submit);
            Navigation.NavigateTo($"closures/{id}");
        }
        catch (ClosureException ex)
        {
            Errors.Show(L, ex, OpenRequestId);
        }
        catch (NotFoundOrForbiddenException)
        {
            Errors.General = L["Common.NotFound"];
        }
        finally
        {
            busy = false;
        }
    }
}
