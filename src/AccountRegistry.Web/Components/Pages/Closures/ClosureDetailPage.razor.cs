using System.Globalization;
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Closures;

/// <summary>One request: its facts, notice, attachments, the actions allowed to this user now, and its timeline.</summary>
public partial class ClosureDetailPage
{
    private ClosureRequestDetail.Facts? facts;
    private bool notFound;

    [Parameter]
    public int RequestId { get; set; }

    [Inject]
    private ClosureRequestDetail.Handler Detail { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private string Heading => facts is null
        ? L["Closure.Title"]
        : string.Format(CultureInfo.CurrentCulture, L["Closure.Heading"], facts.Id, facts.AccountName ?? facts.ProposedName);

    protected override Task OnParametersSetAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        try
        {
            facts = await Detail.GetAsync(RequestId, await CurrentUser.GetScopeAsync());
            notFound = false;
        }
        catch (NotFoundOrForbiddenException)
        {
            // Another township's request answers exactly like a missing one.
            facts = null;
            notFound = true;
        }
    }
}
