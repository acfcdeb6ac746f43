using System.Globalization;
using AccountRegistry.Application.Closures;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Closures;

public partial class ClosureActions
{
    private static readonly ClosureAction[] Buttons =
    [
        ClosureAction.Revise, ClosureAction.Submit, ClosureAction.Approve, ClosureAction.Reject, ClosureAction.PostNotice,
        ClosureAction.RecordDeregistration, ClosureAction.Complete, ClosureAction.RecordOpening, ClosureAction.Withdraw,
    ];

    private bool busy;
    private string? error;
    private string? decisionNote;
    private string? noticeDay;
    private string? noticeUrl;
    private string? deregisteredDay;
    private string? stepNote;
    private string? platformAccountId;
    private string? openedDay;
    private string? operatorName;
    private bool providesServices;

    [Parameter, EditorRequired]
    public ClosureRequestDetail.Facts Facts { get; set; } = default!;

    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject] private SubmitClosureRequest.Handler Submit { get; set; } = default!;

    [Inject] private DecideClosureRequest.Handler Decide { get; set; } = default!;

    [Inject] private PostClosingNotice.Handler PostNotice { get; set; } = default!;

    [Inject] private RecordDeregistration.Handler Deregister { get; set; } = default!;

    [Inject] private CompleteClosureRequest.Handler Complete { get; set; } = default!;

    [Inject] private RecordAccountOpening.Handler RecordOpening { get; set; } = default!;

    [Inject] private WithdrawClosureRequest.Handler Withdraw { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    private bool HasAnyAction => Buttons.Any(Allowed);

    private string NoActionText => Facts.NextStep == ClosureNextStep.None
        ? L["Closure.Finished"]
        : string.Format(CultureInfo.CurrentCulture, L["Closure.Waiting"], ClosureLabels.NextStep(L, Facts.NextStep));

    protected override void OnInitialized()
    {
        var today = ShanghaiCalendar.Today(Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        noticeDay = deregisteredDay = openedDay = today;
    }

    private bool Allowed(ClosureAction action) => Facts.AllowedActions.Contains(action);

    private Task SubmitAsync() => RunAsync(scope => Submit.HandleAsync(Facts.Id, scope));

    private Task ApproveAsync() =>
        RunAsync(scope => Decide.HandleAsync(new DecideClosureRequest.Command(Facts.Id, DecideClosureRequest.Decision.Approve, decisionNote), scope));

    private Task RejectAsync() =>
        RunAsync(scope => Decide.HandleAsync(new DecideClosureRequest.Command(Facts.Id, DecideClosureRequest.Decision.Reject, decisionNote), scope));

    private Task PostNoticeAsync() => WithDay(noticeDay, day =>
        RunAsync(scope => PostNotice.HandleAsync(new PostClosingNotice.Command(Facts.Id, day, noticeUrl), scope)));

    private Task DeregisterAsync() => WithDay(deregisteredDay, day =>
        RunAsync(scope => Deregister.HandleAsync(new RecordDeregistration.Command(Facts.Id, day, stepNote), scope)));

    private Task CompleteAsync() => RunAsync(scope => Complete.HandleAsync(Facts.Id, scope));

    private Task RecordOpeningAsync() => WithDay(openedDay, day =>
        RunAsync(scope => RecordOpening.HandleAsync(new RecordAccountOpening.Command(Facts.Id, platformAccountId, day, operatorName, providesServices), scope)));

    private Task WithdrawAsync() => RunAsync(scope => Withdraw.HandleAsync(Facts.Id, null, scope));

    private Task WithDay(string? text, Func<DateOnly, Task> then)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return then(day);
        }

        error = L["Closure.Error.DateRequired"];
        return Task.CompletedTask;
    }

    private async Task RunAsync(Func<UserScope, Task> step)
    {
        busy = true;
        error = null;
        try
        {
            await step(await CurrentUser.GetScopeAsync());
            decisionNote = stepNote = null;
            Snackbar.Add(L["Closure.Done"], Severity.Success);
            await OnChanged.InvokeAsync();
        }
        catch (ClosureException ex)
        {
            error = ClosureLabels.Errors(L, ex);
            if (ex.Error is ClosureError.ChangedByAnotherUser or ClosureError.IllegalTransition)
            {
                // Someone moved the request meanwhile: show what it is now.
                await OnChanged.InvokeAsync();
            }
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
