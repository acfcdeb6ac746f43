using System.Globalization;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Reviews;

public partial class ReviewDecisionPanel
{
    private DecisionKind? kind;
    private int? mergeTarget;
    private RetainReason? retainReason;
    private string? reason;
    private string? error;
    private bool busy;

    [Parameter, EditorRequired]
    public ReviewCase.Case Case { get; set; } = default!;

    /// <summary>The decision was saved; the text says what was decided.</summary>
    [Parameter]
    public EventCallback<string> OnDecided { get; set; }

    [Parameter]
    public EventCallback<ReviewConflictException> OnConflict { get; set; }

    [Inject]
    private DecideAccount.Handler Decisions { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private bool RequiresText => kind == DecisionKind.Retain && retainReason == RetainReason.Other;

    private bool Ready => kind switch
    {
        DecisionKind.Close => true,
        DecisionKind.Merge => mergeTarget is not null,
        DecisionKind.Retain => retainReason is not null && (!RequiresText || !string.IsNullOrWhiteSpace(reason)),
        _ => false,
    };

    private void OnKindChanged(DecisionKind? value)
    {
        kind = value;
        error = null;

        // The rules' hub is the default target; the reviewer may pick another hub of the county.
        if (kind == DecisionKind.Merge && mergeTarget is null)
        {
            mergeTarget = Case.Hubs.Any(h => h.AccountId == Case.Basis?.MergeTargetAccountId)
                ? Case.Basis!.MergeTargetAccountId
                : Case.Hubs.FirstOrDefault()?.AccountId;
        }
    }

    private async Task DecideAsync()
    {
        busy = true;
        error = null;
        try
        {
            var outcome = await Decisions.HandleAsync(
                new DecideAccount.Command
                {
                    AccountId = Case.Facts.Id,
                    Kind = kind!.Value,
                    MergeTargetAccountId = kind == DecisionKind.Merge ? mergeTarget : null,
                    RetainReason = kind == DecisionKind.Retain ? retainReason : null,
                    Reason = reason,
                    ExpectedVersion = Case.ReviewVersion,
                },
                await CurrentUser.GetScopeAsync());
            var decided = kind;
            kind = null;
            reason = null;
            var text = string.Format(CultureInfo.CurrentCulture, L["Review.Decided"], L["Review.Decision." + decided!.Value.ToCode()]);
            if (outcome.ClosureRequestId is { } requestId)
            {
                text += " " + string.Format(CultureInfo.CurrentCulture, L["Review.ClosureOpened"], requestId);
            }

            await OnDecided.InvokeAsync(text);
        }
        catch (ReviewConflictException ex)
        {
            await OnConflict.InvokeAsync(ex);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            error = ReviewTexts.Error(L, ex);
        }
        finally
        {
            busy = false;
        }
    }
}
