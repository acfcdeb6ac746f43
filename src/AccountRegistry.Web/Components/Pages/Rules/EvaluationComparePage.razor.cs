using AccountRegistry.Application.Common;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AccountRegistry.Web.Components.Pages.Rules;

/// <summary>评估对比: what newly fired and what stopped firing between two runs, within the reader's scope.</summary>
public partial class EvaluationComparePage
{
    private MudTable<CompareEvaluations.Row>? table;
    private EvaluationList.Row? from;
    private EvaluationList.Row? to;
    private IReadOnlyList<CompareEvaluations.RuleSummary> summary = [];
    private RuleCode? rule;
    private CompareEvaluations.Change? kind;
    private bool notFound;

    [Parameter]
    public long From { get; set; }

    [Parameter]
    public long To { get; set; }

    [Inject]
    private EvaluationList.Handler List { get; set; } = default!;

    [Inject]
    private CompareEvaluations.Handler Comparison { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        from = await List.GetAsync(From);
        to = await List.GetAsync(To);
        notFound = from is null || to is null;
        if (!notFound)
        {
            var totals = await Comparison.HandleAsync(new CompareEvaluations.Query(From, To) { PageSize = 1 }, await CurrentUser.GetScopeAsync());
            summary = totals.ByRule.Where(r => r.NewlyFired + r.StoppedFiring > 0).ToList();
        }
    }

    private async Task<TableData<CompareEvaluations.Row>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Comparison.HandleAsync(
                new CompareEvaluations.Query(From, To) { Rule = rule, Kind = kind, Page = state.Page + 1, PageSize = state.PageSize },
                await CurrentUser.GetScopeAsync(),
                cancellationToken);
            return new TableData<CompareEvaluations.Row> { Items = result.Changes.Items, TotalItems = result.Changes.TotalCount };
        }
        catch (NotFoundOrForbiddenException)
        {
            notFound = true;
            return new TableData<CompareEvaluations.Row> { Items = [], TotalItems = 0 };
        }
    }

    private async Task OnRuleAsync(RuleCode? value)
    {
        rule = value;
        await ReloadAsync();
    }

    private async Task OnKindAsync(CompareEvaluations.Change? value)
    {
        kind = value;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (table is not null)
        {
            await table.ReloadServerData();
        }
    }
}
