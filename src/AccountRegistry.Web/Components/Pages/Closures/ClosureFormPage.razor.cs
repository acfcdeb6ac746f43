using System.Globalization;
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Closures;

/// <summary>
/// New or revised request: <see cref="CloseRequestForm"/> to close or merge an account of the clerk's unit,
/// <see cref="OpeningRequestForm"/> to open one (<c>?kind=open</c>, or a revised opening request).
/// </summary>
public partial class ClosureFormPage
{
    private bool notFound;
    private bool notEditable;
    private ClosureRequestDetail.Facts? request;

    [Parameter]
    public int? RequestId { get; set; }

    [SupplyParameterFromQuery(Name = "accountId")]
    public int? AccountIdFromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? KindFromQuery { get; set; }

    [Inject]
    private ClosureRequestDetail.Handler Detail { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private bool IsOpening => request is { } r
        ? r.Kind == ClosureKind.Open
        : string.Equals(KindFromQuery, ClosureKind.Open.ToCode(), StringComparison.Ordinal);

    private string PageHeading => RequestId is { } id
        ? string.Format(CultureInfo.CurrentCulture, L["Closure.EditTitle"], id)
        : IsOpening ? L["Closure.NewOpening"] : L["Closure.New"];

    protected override async Task OnParametersSetAsync()
    {
        if (RequestId is not { } id)
        {
            request = null;
            return;
        }

        if (request?.Id == id)
        {
            return;
        }

        try
        {
            var found = await Detail.GetAsync(id, await CurrentUser.GetScopeAsync());
            if (found.AllowedActions.Contains(ClosureAction.Revise))
            {
                request = found;
            }
            else
            {
                notEditable = true;
            }
        }
        catch (NotFoundOrForbiddenException)
        {
            notFound = true;
        }
    }
}
