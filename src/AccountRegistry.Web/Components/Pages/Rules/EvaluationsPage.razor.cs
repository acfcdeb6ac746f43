using System.Globalization;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Rules;

/// <summary>评估记录: the stored runs, 立即评估, and the way into comparing two runs.</summary>
public partial class EvaluationsPage
{
    private MudTable<EvaluationList.Row>? table;
    private HashSet<EvaluationList.Row> selected = [];
    private bool running;
    private string? done;
    private NightlyStatus.Result? nightly;
    private bool isAdmin;

    [Inject]
    private EvaluationList.Handler List { get; set; } = default!;

    [Inject]
    private RunEvaluation.Handler Evaluation { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private NightlyStatus.Handler Nightly { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptionsMonitor<RulesOptions> RulesOptions { get; set; } = default!;

    private string NightlyAt => RulesOptions.CurrentValue.NightlyAt;

    protected override async Task OnInitializedAsync()
    {
        isAdmin = (await CurrentUser.GetScopeAsync()).IsInAnyRole(Infrastructure.Identity.Roles.Admin);
        nightly = await Nightly.HandleAsync();
    }

    private async Task<TableData<EvaluationList.Row>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await List.HandleAsync(state.Page + 1, state.PageSize, cancellationToken);
        return new TableData<EvaluationList.Row> { Items = page.Items, TotalItems = page.TotalCount };
    }

    /// <summary>Evaluates as of today (Shanghai) and stores the run; queues behind a nightly run that is under way.</summary>
    private async Task RunNowAsync()
    {
        running = true;
        done = null;
        try
        {
            var scope = await CurrentUser.GetScopeAsync();
            var result = await Evaluation.HandleAsync(new RunEvaluation.Command(ShanghaiCalendar.Today(Clock), scope.UserName));
            done = string.Format(CultureInfo.CurrentCulture, L["Rules.Evaluations.Done"], result.AccountCount.ToString("N0", CultureInfo.CurrentCulture), result.Duration.TotalSeconds.ToString("0.0", CultureInfo.CurrentCulture));
            selected = [];
            nightly = await Nightly.HandleAsync();
            if (table is not null)
            {
                await table.ReloadServerData();
            }
        }
        finally
        {
            running = false;
        }
    }

    private void Compare()
    {
        if (selected.Count != 2)
        {
            return;
        }

        var ordered = selected.OrderBy(r => r.StartedAt).ThenBy(r => r.Id).ToList();
        Navigation.NavigateTo($"rules/evaluations/compare/{ordered[0].Id}/{ordered[1].Id}");
    }

    private string TriggeredBy(string triggeredBy) => triggeredBy switch
    {
        Domain.Rules.Evaluation.Nightly => L["Rules.Evaluations.Nightly"],
        Domain.Rules.Evaluation.CommandLine => L["Rules.Evaluations.CommandLine"],
        _ => triggeredBy,
    };
}
