using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Application.Demo;

/// <summary>What the campaign decides for a demo account.</summary>
public enum DemoFate
{
    /// <summary>Left alone: the hubs, healthy department accounts, the accounts the demo's users start from.</summary>
    None,
    Close,
    Merge,
    Retain,
}

/// <summary>How far an account's case has come by today, in the order of the workflow.</summary>
public enum DemoStage
{
    /// <summary>Flagged by the rules, waiting for the reviewer.</summary>
    Flagged,
    Draft,
    Submitted,
    Rejected,
    Approved,
    NoticePosted,
    Deregistered,
    Completed,
}

/// <summary>One account's part in the campaign: its fate, how far it got, and when the reviewer decided (or the clerk filed).</summary>
public sealed record DemoCase(DemoAccount Account, DemoFate Fate, DemoStage Stage, int DecidedDaysAgo)
{
    /// <summary>
    /// The unit asked for it (a request the reviewer approves) rather than the reviewer deciding on a flag: a department's
    /// healthy second platform, which no rule flags, and the requests still waiting for or sent back by the reviewer.
    /// </summary>
    public bool FiledByClerk => Stage is DemoStage.Submitted or DemoStage.Rejected || (Fate == DemoFate.Merge && Account.Profile == DemoProfile.Healthy && Account.UnitCode.Contains("-D", StringComparison.Ordinal));

    /// <summary>Days from the reviewer's decision to each later step (a clerk answers within days, the notice runs 12 days).</summary>
    public const int SubmitAfter = 2, DecideAfter = 4, NoticeAfter = 5, LastPostAfter = 16, DeregisterAfter = 17, CompleteAfter = 18;

    /// <summary>A zombie's silence before the reviewer decides: past the rules' fortnight, so it is flagged by then.</summary>
    public const int SilentBefore = 25;

    public DateOnly DecidedOn(DateOnly today) => today.AddDays(-DecidedDaysAgo);

    /// <summary>
    /// The last day the account publishes: a zombie fell silent weeks before the reviewer saw its flag; an account being
    /// closed stops on the day its notice announced.
    /// </summary>
    public DateOnly? LastPostOn(DateOnly today)
    {
        if (Fate == DemoFate.None || Stage == DemoStage.Flagged)
        {
            return null;
        }

        if (Account.Profile is DemoProfile.StaleWeeks or DemoProfile.StaleYears or DemoProfile.NeverPosted)
        {
            return DecidedOn(today).AddDays(-SilentBefore);
        }

        return Fate is DemoFate.Close or DemoFate.Merge && Stage >= DemoStage.NoticePosted ? DecidedOn(today).AddDays(LastPostAfter) : null;
    }
}

/// <summary>
/// The campaign of the demo county, fixed in advance (so the posts already stop where the accounts close): below county
/// level nearly every account is merged into the media center's hub or closed, zombie department accounts are closed, a
/// minority is retained after review with a reason, and a tail is still open in every state of the workflow.
/// </summary>
public static class DemoCampaignPlan
{
    /// <summary>The campaign began on the first day of the month this many months back.</summary>
    public const int MonthsAgo = 6;

    /// <summary>Accounts the demo's users and its walkthrough start from: live and without a case.</summary>
    private static readonly HashSet<string> Untouched = new(StringComparer.Ordinal) { "望岳优生活", "莲花优生活", "望岳发布" };

    /// <summary>One case in this many closures and merges is still open today, cycling through these stages.</summary>
    private const int TailEvery = 4;

    private static readonly (DemoStage Stage, int DecidedDaysAgo)[] Tail =
    [
        (DemoStage.Flagged, 0), (DemoStage.Draft, 16), (DemoStage.Submitted, 6), (DemoStage.Approved, 5), (DemoStage.NoticePosted, 9),
        (DemoStage.Deregistered, 19), (DemoStage.Rejected, 7), (DemoStage.Draft, 2), (DemoStage.Submitted, 12), (DemoStage.NoticePosted, 26),
    ];

    public static DateOnly Start(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(-MonthsAgo);

    public static IReadOnlyList<DemoCase> Cases(DateOnly today)
    {
        var units = DemoCountyPlan.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var span = today.DayNumber - Start(today).DayNumber;
        var cases = new List<DemoCase>();
        var settled = 0;
        foreach (var account in DemoCountyPlan.Accounts)
        {
            var fate = FateOf(account, units[account.UnitCode].Level);
            if (fate == DemoFate.None)
            {
                cases.Add(new DemoCase(account, fate, DemoStage.Completed, 0));
                continue;
            }

            // Spread over the campaign so each month closes some; a completed case needs its 18 days before today.
            var n = settled++;
            var completedDaysAgo = DemoCase.CompleteAfter + 2 + (int)((n * 37L) % Math.Max(1, span - DemoCase.CompleteAfter - 8));
            if (fate == DemoFate.Retain)
            {
                cases.Add(new DemoCase(account, fate, DemoStage.Completed, completedDaysAgo % 120 + 3));
            }
            else if (n % TailEvery == TailEvery - 1)
            {
                var (stage, daysAgo) = Tail[(n / TailEvery) % Tail.Length];
                cases.Add(new DemoCase(account, fate, stage, daysAgo));
            }
            else
            {
                cases.Add(new DemoCase(account, fate, DemoStage.Completed, completedDaysAgo));
            }
        }

        return cases;
    }

    public static RetainReason RetainReasonOf(DemoAccount account) =>
        account.ProvidesServices ? RetainReason.CarriesService : account.Profile == DemoProfile.Healthy ? RetainReason.HighReach : RetainReason.LegalDuty;

    public static IReadOnlyList<ClosureReason> ClosureReasonsOf(DemoAccount account, UnitLevel level) => account.Profile switch
    {
        DemoProfile.StaleWeeks or DemoProfile.StaleYears or DemoProfile.NeverPosted => [ClosureReason.Stale],
        DemoProfile.LowReads => level is UnitLevel.Department ? [ClosureReason.LowReach] : [ClosureReason.LowReach, ClosureReason.BelowCountyLevel],
        DemoProfile.RepostOnly or DemoProfile.Copier => [ClosureReason.LittleOriginalContent, ClosureReason.BelowCountyLevel],
        _ => [ClosureReason.BelowCountyLevel],
    };

    private static DemoFate FateOf(DemoAccount account, UnitLevel level)
    {
        if (account.Profile == DemoProfile.Hub || Untouched.Contains(account.Name))
        {
            return DemoFate.None;
        }

        var zombie = account.Profile is DemoProfile.StaleWeeks or DemoProfile.StaleYears or DemoProfile.NeverPosted;
        if (level is UnitLevel.County or UnitLevel.Department)
        {
            return account.Profile switch
            {
                _ when zombie => DemoFate.Close,
                DemoProfile.LowReads => account.ProvidesServices || account.Platform == Platform.Wechat ? DemoFate.Retain : DemoFate.Merge,

                // A department keeps its WeChat account and hands its other platforms' followers to the hub.
                DemoProfile.Healthy when account.Platform != Platform.Wechat => DemoFate.Merge,
                _ => DemoFate.None,
            };
        }

        // Below county level the reporting's district kept almost nothing: zombies closed, the rest merged into the hub,
        // a few service accounts retained.
        return zombie ? DemoFate.Close : account.ProvidesServices ? DemoFate.Retain : DemoFate.Merge;
    }
}
