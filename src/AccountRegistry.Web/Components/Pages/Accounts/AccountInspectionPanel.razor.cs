using AccountRegistry.Application.Common;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Accounts;

public partial class AccountInspectionPanel
{
    private AccountInspection.View? view;

    [Parameter, EditorRequired]
    public int AccountId { get; set; }

    [Inject]
    private AccountInspection.Handler Inspection { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            view = await Inspection.GetAsync(AccountId, await CurrentUser.GetScopeAsync());
        }
        catch (NotFoundOrForbiddenException)
        {
            // The page itself already says the account is not there.
            view = null;
        }
    }

    internal static Color ResultColor(InspectionResultKind result) => result switch
    {
        InspectionResultKind.Fail => Color.Error,
        InspectionResultKind.Excellent => Color.Success,
        _ => Color.Info,
    };
}
