namespace AccountRegistry.Domain.Rules;

/// <summary>One account's outcome in one evaluation. Every evaluated account has a row, including "none".</summary>
public class EvaluationResult
{
    public long EvaluationId { get; set; }

    public int AccountId { get; set; }

    public Recommendation Recommendation { get; set; }

    /// <summary>The rules that fired, sorted by code.</summary>
    public List<RuleCode> Rules { get; set; } = [];

    /// <summary>For a merge, the hub; null for a merge with no hub ("no hub") and for close/none.</summary>
    public int? MergeTargetAccountId { get; set; }

    /// <summary>JSON array of the findings (<see cref="RuleFinding"/>) with their readable text.</summary>
    public string Evidence { get; set; } = "[]";
}
