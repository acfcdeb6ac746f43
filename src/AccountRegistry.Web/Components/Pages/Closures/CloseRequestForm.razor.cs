using System.Globalization;
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Closures;

/// <summary>
/// Close or merge an account of the clerk's unit, new or revised. The domain decides what a submission lacks; its
/// refusals come back as messages under the fields they concern.
/// </summary>
public partial class CloseRequestForm
{
    private readonly HashSet<ClosureReason> reasons = [];
    private readonly ClosureFormErrors errors = new();
    private bool loaded;
    private bool notFound;
    private bool kindLocked;
    private ClosureForm.AccountOption? accountOption;
    private ClosureForm.AccountFacts? account;
    private ClosureKind kind = ClosureKind.Close;
    private int? mergeTargetId;
    private string? reasonText;
    private string? plannedLastPostOn;
    private string? serviceTakeover;
    private (int? RequestId, int? AccountId)? shown;

    /// <summary>The request being revised (a close or merge); null for a new one.</summary>
    [Parameter]
    public ClosureRequestDetail.Facts? Request { get; set; }

    /// <summary>A new request for this account (from its page or the review decision), rather than a chosen one.</summary>
    [Parameter]
    public int? AccountId { get; set; }

    [Inject]
    private ClosureForm.Handler Form { get; set; } = default!;

    [Inject]
    private FileClosureRequest.Handler File { get; set; } = default!;

    [Inject]
    private ReviseClosureRequest.Handler Revise { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        // The page renders this again with the same request: keep what the clerk has typed.
        if (shown == (Request?.Id, AccountId))
        {
            return;
        }

        shown = (Request?.Id, AccountId);
        var scope = await CurrentUser.GetScopeAsync();
        try
        {
            if (Request is { } request)
            {
                kind = request.Kind;
                kindLocked = request.Origin == ClosureOrigin.ReviewDecision;
                reasonText = request.ReasonText;
                account = await Form.AccountAsync(request.AccountId!.Value, scope);
                reasons.UnionWith(request.Reasons);
                mergeTargetId = request.MergeTargetAccountId ?? account.DefaultHub?.Id;
                plannedLastPostOn = request.PlannedLastPostOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                serviceTakeover = request.ServiceTakeover;
            }
            else if (AccountId is { } accountId)
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

    private void NoteExistingRequest()
    {
        if (account?.OpenRequestId is { } open && Request is null)
        {
            errors.General = L["Closure.Error.OpenRequestExists"];
            errors.ExistingRequestId = open;
        }
    }

    private async Task<IEnumerable<ClosureForm.AccountOption>> SearchAccountsAsync(string text, CancellationToken cancellationToken) =>
        await Form.SearchAccountsAsync(text, await CurrentUser.GetScopeAsync(), cancellationToken);

    private async Task OnAccountChosenAsync(ClosureForm.AccountOption? option)
    {
        accountOption = option;
        errors.General = null;
        errors.ExistingRequestId = null;
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
        errors.Clear("reasons");
        if (on)
        {
            reasons.Add(reason);
        }
        else
        {
            reasons.Remove(reason);
        }
    }

    private bool ValidateLocally()
    {
        if (account is null)
        {
            errors["account"] = L["Closure.Error.AccountRequired"];
        }

        return !errors.HasFieldErrors;
    }

    private async Task<int> SendAsync(UserScope scope, bool submit)
    {
        var planned = DateOnly.TryParseExact(plannedLastPostOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : (DateOnly?)null;
        var target = kind == ClosureKind.Merge ? mergeTargetId : null;
        if (Request is { } request)
        {
            await Revise.HandleAsync(new ReviseClosureRequest.Command(request.Id, kind, [.. reasons], reasonText, planned, target, serviceTakeover, submit), scope);
            return request.Id;
        }

        return await File.HandleAsync(new FileClosureRequest.Command(account!.Id, kind, [.. reasons], reasonText, planned, target, serviceTakeover, submit), scope);
    }
}
