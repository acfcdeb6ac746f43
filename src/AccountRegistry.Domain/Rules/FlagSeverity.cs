namespace AccountRegistry.Domain.Rules;

/// <summary>
/// When a dismissed flag's evidence counts as worse, so that the flag reopens before its dismissal period ends. Each
/// rule compares one number (<see cref="RuleFinding.Measure"/>) at dismissal with the same number now:
/// <list type="bullet">
/// <item>LOW_READS: the mean reads fell by a quarter or more (now &lt; 0.75 × then).</item>
/// <item>DUPLICATE_PLATFORM: the unit has more live accounts on the platform than then (now &gt; then).</item>
/// <item>DUPLICATE_CONTENT: the share of copied posts rose by 10 percentage points or more (now ≥ then + 0.10).</item>
/// <item>REPOST_HEAVY: the share of original posts fell by 10 percentage points or more (now ≤ then − 0.10).</item>
/// <item>NEVER_POSTED, STALE: never. Their only number is days, which grow by themselves every day; counting that as
/// worse would undo every dismissal the next night. The dismissal period is their limit.</item>
/// <item>UNATTENDED, BELOW_COUNTY_LEVEL: never; they are yes/no facts.</item>
/// </list>
/// The margins keep day-to-day noise in reads and posting from undoing a reviewer's judgement.
/// </summary>
public static class FlagSeverity
{
    public const decimal LowReadsDrop = 0.75m;
    public const decimal ShareStep = 0.10m;

    public static bool IsWorse(RuleCode rule, decimal? atDismissal, decimal? now)
    {
        if (atDismissal is not { } then || now is not { } current)
        {
            return false;
        }

        return rule switch
        {
            RuleCode.LowReads => current < then * LowReadsDrop,
            RuleCode.DuplicatePlatform => current > then,
            RuleCode.DuplicateContent => current >= then + ShareStep,
            RuleCode.RepostHeavy => current <= then - ShareStep,
            RuleCode.NeverPosted or RuleCode.Stale or RuleCode.Unattended or RuleCode.BelowCountyLevel => false,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };
    }
}
