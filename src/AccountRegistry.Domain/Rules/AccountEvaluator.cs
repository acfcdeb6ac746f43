using System.Globalization;

namespace AccountRegistry.Domain.Rules;

/// <summary>
/// Applies the rules to accounts. Accounts come grouped by unit and platform, because DUPLICATE_PLATFORM compares an
/// account with its siblings; a group is a handful of accounts, so memory stays flat however many accounts there are.
/// </summary>
public static class AccountEvaluator
{
    /// <summary>
    /// Evaluates the evaluated (live, opened by T) accounts that one unit owns on one platform. Returns one verdict per
    /// account, in the order given.
    /// </summary>
    public static IReadOnlyList<AccountVerdict> EvaluateSiblings(
        IReadOnlyList<AccountFacts> siblings, DateOnly asOf, Thresholds thresholds, MergeTargets mergeTargets)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        if (siblings.Count == 0)
        {
            return [];
        }

        if (siblings.Any(s => s.UnitId != siblings[0].UnitId || s.Platform != siblings[0].Platform))
        {
            throw new ArgumentException("Siblings must share unit and platform.", nameof(siblings));
        }

        var keeper = siblings.Count > 1 ? DuplicatePlatformKeeper.Choose(siblings) : null;
        var verdicts = new List<AccountVerdict>(siblings.Count);
        foreach (var account in siblings)
        {
            var standing = keeper is null || ReferenceEquals(keeper, account)
                ? null
                : new DuplicatePlatformStanding(
                    keeper.Name,
                    siblings.Where(s => !ReferenceEquals(s, account))
                        .OrderBy(s => s.PlatformAccountId, StringComparer.Ordinal)
                        .Select(s => s.Name)
                        .ToList());
            verdicts.Add(Evaluate(account, asOf, thresholds, standing, mergeTargets));
        }

        return verdicts;
    }

    /// <summary>
    /// Evaluates one account. <paramref name="notKeeper"/> is set when the unit owns other live accounts on the platform
    /// and this one is not the keeper.
    /// </summary>
    public static AccountVerdict Evaluate(
        AccountFacts account, DateOnly asOf, Thresholds thresholds, DuplicatePlatformStanding? notKeeper, MergeTargets mergeTargets)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(mergeTargets);
        var day = new EvaluationDay(asOf, thresholds.WindowDays);
        var findings = new List<RuleFinding>();

        // NEVER_POSTED wins over STALE. They cannot both hold (STALE needs a post), but the precedence is the spec's.
        if (RuleBook.NeverPosted(account, day, thresholds))
        {
            findings.Add(new RuleFinding { Rule = RuleCode.NeverPosted, OpenedOn = account.OpenedOn, Days = day.DaysBefore(account.OpenedOn) });
        }
        else if (RuleBook.Stale(account, day, thresholds))
        {
            findings.Add(new RuleFinding { Rule = RuleCode.Stale, LastPostDay = account.LastPostDay, Days = day.DaysBefore(account.LastPostDay!.Value) });
        }

        if (RuleBook.LowReads(account, thresholds))
        {
            findings.Add(new RuleFinding
            {
                Rule = RuleCode.LowReads,
                MeanReads = Math.Round(account.MeanReadsInWindow!.Value, 2, MidpointRounding.AwayFromZero),
                Posts = account.PostsWithReadsInWindow,
            });
        }

        if (RuleBook.Unattended(account))
        {
            findings.Add(new RuleFinding { Rule = RuleCode.Unattended });
        }

        // Hubs are the targets of merges, so no merge rule applies to them.
        if (!account.IsHub)
        {
            if (RuleBook.BelowCountyLevel(account))
            {
                findings.Add(new RuleFinding { Rule = RuleCode.BelowCountyLevel, UnitLevel = account.UnitLevel });
            }

            if (notKeeper is not null)
            {
                findings.Add(new RuleFinding { Rule = RuleCode.DuplicatePlatform, Keeper = notKeeper.KeeperName, Siblings = notKeeper.SiblingNames });
            }

            if (RuleBook.DuplicateContent(account, thresholds))
            {
                findings.Add(new RuleFinding
                {
                    Rule = RuleCode.DuplicateContent,
                    Duplicates = account.DuplicatesInWindow,
                    Posts = account.PostsInWindow,
                    CopiedAccount = account.CopiedAccountName,
                });
            }

            if (RuleBook.RepostHeavy(account, thresholds))
            {
                findings.Add(new RuleFinding { Rule = RuleCode.RepostHeavy, Originals = account.OriginalsInWindow, Posts = account.PostsInWindow });
            }
        }

        findings.Sort((x, y) => RuleCodes.ByCode.Compare(x.Rule, y.Rule));
        var recommendation = Recommendations.For(findings.Select(f => f.Rule), account.ProvidesServices);
        var target = recommendation == Recommendation.Merge ? mergeTargets.Resolve(account.Platform, account.CountyUnitId) : null;
        return new AccountVerdict(account, findings, recommendation, target);
    }
}

/// <summary>DUPLICATE_PLATFORM evidence for an account that is not its unit's keeper on the platform.</summary>
public sealed record DuplicatePlatformStanding(string KeeperName, IReadOnlyList<string> SiblingNames)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"keeper {KeeperName}, siblings {string.Join(", ", SiblingNames)}");
}
