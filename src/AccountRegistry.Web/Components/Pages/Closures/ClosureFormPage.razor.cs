using System.Globalization;
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Closures;

/// <summary>
/// New or revised request: close/merge an account of the clerk's unit, or open a new one. The domain decides what a
/// submission lacks; its refusals come back as messages under the fields they concern.
/// </summary>
public partial class ClosureFormPage
{
    private readonly HashSet<ClosureReason> reasons = [];
    private readonly Dictionary<string, string> fieldErrors = new(StringComparer.Ordinal);
    private bool loaded;
    private bool notFound;
    private bool notEditable;
    private bool busy;
    private bool isOpening;
    private bool kindLocked;
    private string? generalError;
    private int? existingRequestId;

    private ClosureForm.AccountOption? accountOption;
    private ClosureForm.AccountFacts? account;
    private ClosureKind kind = ClosureKind.Close;
    private int? mergeTargetId;
    private string? reasonText;
    private string? plannedLastPostOn;
    private string? serviceTakeover;

    private UnitLookup.Option? openingUnit;
    private Platform? openingPlatform;
    private string? proposedName;
    private ClosureForm.OpeningCheckView? openingCheck;

    [Parameter]
    public int? RequestId { get; set; }

    [SupplyParameterFromQuery(Name = "accountId")]
    public int? AccountIdFromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? KindFromQuery { get; set; }

    [Inject]
    private ClosureForm.Handler Form { get; set; } = default!;

    [Inject]
    private ClosureRequestDetail.Handler Detail { get; set; } = default!;

    [Inject]
    private FileClosureRequest.Handler File { get; set; } = default!;

    [Inject]
    private FileOpeningRequest.Handler FileOpening { get; set; } = default!;

    [Inject]
    private ReviseClosureRequest.Handler Revise { get; set; } = default!;

    [Inject]
    private UnitLookup.Handler Units { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string PageHeading => RequestId is { } id
        ? string.Format(CultureInfo.CurrentCulture, L["Closure.EditTitle"], id)
        : isOpening ? L["Closure.NewOpening"] : L["Closure.New"];

    protected override async Task OnParametersSetAsync()
    {
        var scope = await CurrentUser.GetScopeAsync();
        try
        {
            if (RequestId is { } id)
            {
                await LoadRequestAsync(id, scope);
            }
            else if (string.Equals(KindFromQuery, ClosureKind.Open.ToCode(), StringComparison.Ordinal))
            {
                isOpening = true;
            }
            else if (AccountIdFromQuery is { } accountId)
            {
                account = await Form.AccountAsync(accountId, scope);
                mergeTargetId = account.DefaultHub?.Id;
                NoteExistingRequest();
            }

            loaded = true;
        }
        catch (NotFoundOrForbiddenException)
        {
            notFound = true;
        }
    }

    private async Task LoadRequestAsync(int id, UserScope scope)
    {
        var request = await Detail.GetAsync(id, scope);
        if (!request.AllowedActions.Contains(ClosureAction.Revise))
        {
            notEditable = true;
            return;
        }

        isOpening = request.Kind == ClosureKind.Open;
        kind = request.Kind;
        kindLocked = request.Origin == ClosureOrigin.ReviewDecision;
        reasonText = request.ReasonText;
        if (isOpening)
        {
            openingUnit = await Units.GetAsync(request.UnitId, scope);
            openingPlatform = request.ProposedPlatform;
            proposedName = request.ProposedName;
            await RefreshOpeningCheckAsync();
            return;
        }

        account = await Form.AccountAsync(request.AccountId!.Value, scope);
        reasons.UnionWith(request.Reasons);
        mergeTargetId = request.MergeTargetAccountId ?? account.DefaultHub?.Id;
        plannedLastPostOn = request.PlannedLastPostOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        serviceTakeover = request.ServiceTakeover;
    }

    private void NoteExistingRequest()
    {
        if (account?.OpenRequestId is { } open && RequestId is null)
        {
            generalError = L["Closure.Error.OpenRequestExists"];
            existingRequestId = open;
        }
    }

    private async Task<IEnumerable<ClosureForm.AccountOption>> SearchAccountsAsync(string text, CancellationToken cancellationToken) =>
        await Form.SearchAccountsAsync(text, await CurrentUser.GetScopeAsync(), cancellationToken);

    private async Task<IEnumerable<UnitLookup.Option>> SearchUnitsAsync(string text, CancellationToken cancellationToken) =>
        await Units.SearchAsync(text, await CurrentUser.GetScopeAsync(), 50, cancellationToken);

    private async Task OnAccountChosenAsync(ClosureForm.AccountOption? option)
    {
        accountOption = option;
        generalError = null;
        existingRequestId = null;
        account = option is null ? null : await Form.AccountAsync(option.Id, await CurrentUser.GetScopeAsync());
        mergeTargetId = account?.DefaultHub?.Id;
        NoteExistingRequest();
    }

    private void OnKindChanged(ClosureKind value)
    {
        kind = value;
        mergeTargetId ??= account?.DefaultHub?.Id;
    }

    private void ToggleReason(ClosureReason reason, bool on)
    {
        Clear("reasons");
        if (on)
        {
            reasons.Add(reason);
        }
        else
        {
            reasons.Remove(reason);
        }
    }

    private async Task OnOpeningUnitChangedAsync(UnitLookup.Option? unit)
    {
        openingUnit = unit;
        await RefreshOpeningCheckAsync();
    }

    private async Task OnOpeningPlatformChangedAsync(Platform? platform)
    {
        openingPlatform = platform;
        await RefreshOpeningCheckAsync();
    }

    private async Task RefreshOpeningCheckAsync() =>
        openingCheck = openingUnit is null ? null : await Form.CheckOpeningAsync(openingUnit.Id, openingPlatform, await CurrentUser.GetScopeAsync());

    private Task SubmitAsync() => SaveAsync(submit: true);

    private Task SaveDraftAsync() => SaveAsync(submit: false);

    private async Task SaveAsync(bool submit)
    {
        fieldErrors.Clear();
        generalError = null;
        existingRequestId = null;
        if (!ValidateLocally())
        {
            return;
        }

        busy = true;
        try
        {
            var scope = await CurrentUser.GetScopeAsync();
            var id = await SendAsync(scope, submit);
            Navigation.NavigateTo($"closures/{id}");
        }
        catch (ClosureException ex)
        {
            ShowErrors(ex);
        }
        catch (NotFoundOrForbiddenException)
        {
            generalError = L["Common.NotFound"];
        }
        finally
        {
            busy = false;
        }
    }

    private async Task<int> SendAsync(UserScope scope, bool submit)
    {
        var planned = DateOnly.TryParseExact(plannedLastPostOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : (DateOnly?)null;
        var target = kind == ClosureKind.Merge ? mergeTargetId : null;
        if (isOpening)
        {
            if (RequestId is { } openingId)
            {
                await Revise.HandleAsync(new ReviseClosureRequest.OpeningCommand(openingId, openingUnit!.Id, openingPlatform, proposedName, reasonText, submit), scope);
                return openingId;
            }

            return await FileOpening.HandleAsync(new FileOpeningRequest.Command(openingUnit!.Id, openingPlatform, proposedName, reasonText, submit), scope);
        }

        if (RequestId is { } requestId)
        {
            await Revise.HandleAsync(new ReviseClosureRequest.Command(requestId, kind, [.. reasons], reasonText, planned, target, serviceTakeover, submit), scope);
            return requestId;
        }

        return await File.HandleAsync(new FileClosureRequest.Command(account!.Id, kind, [.. reasons], reasonText, planned, target, serviceTakeover, submit), scope);
    }

    /// <summary>Only what the server cannot be asked about without a subject: which account or unit.</summary>
    private bool ValidateLocally()
    {
        if (isOpening && openingUnit is null)
        {
            fieldErrors["unit"] = L["Closure.Error.UnitRequired"];
        }

        if (!isOpening && account is null)
        {
            fieldErrors["account"] = L["Closure.Error.AccountRequired"];
        }

        return fieldErrors.Count == 0;
    }

    private void ShowErrors(ClosureException exception)
    {
        var unplaced = new List<ClosureError>();
        foreach (var error in exception.Errors)
        {
            var field = FieldOf(error);
            if (field is null)
            {
                unplaced.Add(error);
            }
            else
            {
                fieldErrors[field] = ClosureLabels.Error(L, error);
            }
        }

        if (exception.Error == ClosureError.OpenRequestExists)
        {
            existingRequestId = account?.OpenRequestId;
        }

        generalError = unplaced.Count > 0
            ? string.Join(" ", unplaced.Select(e => ClosureLabels.Error(L, e)))
            : L["Closure.FixFields"];
    }

    private static string? FieldOf(ClosureError error) => error switch
    {
        ClosureError.ReasonRequired => "reasons",
        ClosureError.OtherReasonNeedsText or ClosureError.JustificationRequired => "reasonText",
        ClosureError.PlannedLastPostDayRequired or ClosureError.PlannedLastPostDayInPast => "planned",
        ClosureError.MergeTargetRequired or ClosureError.MergeTargetNotLiveHub or ClosureError.HubCannotBeMerged => "target",
        ClosureError.ServiceTakeoverRequired => "takeover",
        ClosureError.ProposedNameRequired or ClosureError.HiddenCharacters => "name",
        ClosureError.ProposedPlatformRequired => "platform",
        _ => null,
    };

    /// <summary>A field's message goes once the clerk changes it; the server checks again on the next save.</summary>
    private void Clear(string field) => fieldErrors.Remove(field);

    private bool Has(string field) => fieldErrors.ContainsKey(field);

    private string? ErrorOf(string field) => fieldErrors.GetValueOrDefault(field);
}
