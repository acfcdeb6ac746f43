using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Closures;

/// <summary>Open an account for a unit, new or revised; the domain's refusals come back under the fields they concern.</summary>
public partial class OpeningRequestForm
{
    private readonly ClosureFormErrors errors = new();
    private bool loaded;
    private bool notFound;
    private UnitLookup.Option? unit;
    private Platform? platform;
    private string? proposedName;
    private string? reasonText;
    private ClosureForm.OpeningCheckView? check;
    private int? shown;

    /// <summary>The opening request being revised; null for a new one.</summary>
    [Parameter]
    public ClosureRequestDetail.Facts? Request { get; set; }

    [Inject]
    private ClosureForm.Handler Form { get; set; } = default!;

    [Inject]
    private FileOpeningRequest.Handler FileOpening { get; set; } = default!;

    [Inject]
    private ReviseClosureRequest.Handler Revise { get; set; } = default!;

    [Inject]
    private UnitLookup.Handler Units { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        // The page renders this again with the same request: keep what the clerk has typed.
        if ((loaded || notFound) && shown == Request?.Id)
        {
            return;
        }

        shown = Request?.Id;
        try
        {
            if (Request is { } request)
            {
                reasonText = request.ReasonText;
                unit = await Units.GetAsync(request.UnitId, await CurrentUser.GetScopeAsync());
                platform = request.ProposedPlatform;
                proposedName = request.ProposedName;
                await RefreshCheckAsync();
            }

            loaded = true;
        }
        catch (NotFoundOrForbiddenException)
        {
            notFound = true;
        }
    }

    private async Task<IEnumerable<UnitLookup.Option>> SearchUnitsAsync(string text, CancellationToken cancellationToken) =>
        await Units.SearchAsync(text, await CurrentUser.GetScopeAsync(), 50, cancellationToken);

    private async Task OnUnitChangedAsync(UnitLookup.Option? value)
    {
        unit = value;
        await RefreshCheckAsync();
    }

    private async Task OnPlatformChangedAsync(Platform? value)
    {
        platform = value;
        await RefreshCheckAsync();
    }

    private async Task RefreshCheckAsync() =>
        check = unit is null ? null : await Form.CheckOpeningAsync(unit.Id, platform, await CurrentUser.GetScopeAsync());

    private bool ValidateLocally()
    {
        if (unit is null)
        {
            errors["unit"] = L["Closure.Error.UnitRequired"];
        }

        return !errors.HasFieldErrors;
    }

    private async Task<int> SendAsync(UserScope scope, bool submit)
    {
        if (Request is { } request)
        {
            await Revise.HandleAsync(new ReviseClosureRequest.OpeningCommand(request.Id, unit!.Id, platform, proposedName, reasonText, submit), scope);
            return request.Id;
        }

        return await FileOpening.HandleAsync(new FileOpeningRequest.Command(unit!.Id, platform, proposedName, reasonText, submit), scope);
    }
}
