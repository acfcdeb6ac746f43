namespace AccountRegistry.Domain.Rules;

/// <summary>The outcome for one account: the rules that fired (sorted by code) with their evidence, and the recommendation.</summary>
public sealed record AccountVerdict(AccountFacts Account, IReadOnlyList<RuleFinding> Findings, Recommendation Recommendation, Hub? MergeTarget)
{
    public IEnumerable<RuleCode> Rules => Findings.Select(f => f.Rule);

    /// <summary>A merge whose county has no hub: reported as "no hub", merge_target null.</summary>
    public bool IsMergeWithoutHub => Recommendation == Recommendation.Merge && MergeTarget is null;
}
