using System.Globalization;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Reviews;

public partial class BulkDecisions
{
    private readonly DialogOptions dialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private bool dialogOpen;
    private DecisionKind kind;
    private RetainReason? retainReason;
    private string? reason;
    private int confirmedCount;

    /// <summary>What a bulk decision said, for the queue's message line.</summary>
    public sealed record Outcome(string Message, Severity Severity);

    [Parameter]
    [EditorRequired]
    public ReviewQueue.Filter Filter { get; set; } = default!;

    [Parameter]
    public IReadOnlyCollection<ReviewQueue.Row> SelectedRows { get; set; } = [];

    /// <summary>The filter's count, shown above the table.</summary>
    [Parameter]
    public int TotalCount { get; set; }

    /// <summary>After the decision (made or refused): the queue shows the outcome and reloads.</summary>
    [Parameter]
    public EventCallback<Outcome> Decided { get; set; }

    [Inject]
    private BulkDecide.Handler Bulk { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private int Count => SelectedRows.Count > 0 ? SelectedRows.Count : TotalCount;

    private string ScopeText => SelectedRows.Count > 0
        ? string.Format(CultureInfo.CurrentCulture, L["Review.BulkSelected"], SelectedRows.Count)
        : string.Format(CultureInfo.CurrentCulture, L["Review.BulkFiltered"], TotalCount);

    private string ConfirmText => string.Format(CultureInfo.CurrentCulture, L["Review.BulkConfirm." + kind.ToCode()], confirmedCount);

    private bool Ready => kind != DecisionKind.Retain
        || (retainReason is { } r && (r != RetainReason.Other || !string.IsNullOrWhiteSpace(reason)));

    private void Open(DecisionKind value)
    {
        kind = value;
        confirmedCount = Count;
        retainReason = null;
        reason = null;
        dialogOpen = true;
    }

    private async Task DecideAsync()
    {
        dialogOpen = false;
        var command = new BulkDecide.Command
        {
            Filter = Filter,
            AccountIds = SelectedRows.Count > 0 ? SelectedRows.Select(r => r.AccountId).ToList() : null,
            Kind = kind,
            RetainReason = kind == DecisionKind.Retain ? retainReason : null,
            Reason = reason,
            ConfirmedCount = confirmedCount,
        };
        await Decided.InvokeAsync(await SendAsync(command));
    }

    private async Task<Outcome> SendAsync(BulkDecide.Command command)
    {
        try
        {
            var outcome = await Bulk.HandleAsync(command, await CurrentUser.GetScopeAsync());
            return new(string.Format(CultureInfo.CurrentCulture, L["Review.BulkDone"], outcome.Decided), Severity.Success);
        }
        catch (BulkSelectionChangedException ex)
        {
            return new(string.Format(CultureInfo.CurrentCulture, L["Review.BulkChanged"], ex.Confirmed, ex.Actual), Severity.Warning);
        }
        catch (ReviewConflictException)
        {
            return new(L["Review.BulkConflict"], Severity.Warning);
        }
        catch (MergeTargetMissingException ex)
        {
            var names = string.Join("、", ex.Accounts.Take(5)) + (ex.Accounts.Count > 5 ? "…" : string.Empty);
            return new(string.Format(CultureInfo.CurrentCulture, L["Review.BulkNoHub"], ex.Accounts.Count, names), Severity.Error);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return new(ReviewTexts.Error(L, ex), Severity.Error);
        }
    }
}
