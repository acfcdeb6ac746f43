namespace AccountRegistry.Domain.Inspections;

/// <summary>
/// What the indicators need to know about one inspected account as of T. The rule outcomes come from the rules'
/// own evaluation of the same facts (<c>AccountEvaluator</c>); the interaction and security counts from SQL.
/// </summary>
public sealed record InspectionFacts
{
    /// <summary>STALE or NEVER_POSTED fires as of T.</summary>
    public bool NotUpdated { get; init; }

    public bool RepostHeavy { get; init; }

    public bool DuplicateContent { get; init; }

    public bool Unattended { get; init; }

    public bool Interactive { get; init; } = true;

    public bool Filed { get; init; } = true;

    /// <summary>Confirmed content findings on posts published in P.</summary>
    public int SecurityFindings { get; init; }

    /// <summary>Messages needing a reply, received more than unanswered_days before the end of T, unanswered by then.</summary>
    public int UnansweredMessages { get; init; }

    /// <summary>Messages needing a reply, received in P, answered (or still unanswered) after their deadline.</summary>
    public int SlowReplies { get; init; }
}

public sealed record InspectionDeduction(InspectionCode Code, int Points, int Count);

public sealed record InspectionVerdict(
    InspectionResultKind Result,
    int Score,
    IReadOnlyList<InspectionCode> Vetoes,
    IReadOnlyList<InspectionDeduction> Deductions);

/// <summary>Vetoes, deductions, score and result of spec/inspection.md, from the facts.</summary>
public static class InspectionScorer
{
    /// <summary>A failed account's score is reported as at most this when a veto fires.</summary>
    public const int VetoScoreCap = 59;

    public static InspectionVerdict Score(InspectionFacts facts, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(settings);

        // Codes are added in their ordinal order, which is the output's order.
        var vetoes = new List<InspectionCode>(4);
        if (!facts.Interactive)
        {
            vetoes.Add(InspectionCode.VetoNoInteraction);
        }

        if (facts.NotUpdated)
        {
            vetoes.Add(InspectionCode.VetoNotUpdated);
        }

        if (facts.SecurityFindings > 0)
        {
            vetoes.Add(InspectionCode.VetoSecurity);
        }

        if (facts.UnansweredMessages > 0)
        {
            vetoes.Add(InspectionCode.VetoUnanswered);
        }

        var deductions = new List<InspectionDeduction>(5);
        Add(deductions, InspectionCode.DeductDuplicate, facts.DuplicateContent, settings.DuplicateContentPoints);
        Add(deductions, InspectionCode.DeductNotFiled, !facts.Filed, settings.NotFiledPoints);
        Add(deductions, InspectionCode.DeductRepostHeavy, facts.RepostHeavy, settings.RepostHeavyPoints);
        if (facts.SlowReplies > 0)
        {
            var points = (int)Math.Min((long)facts.SlowReplies * settings.SlowReplyPoints, settings.SlowReplyCap);
            if (points > 0)
            {
                deductions.Add(new InspectionDeduction(InspectionCode.DeductSlowReply, points, facts.SlowReplies));
            }
        }

        Add(deductions, InspectionCode.DeductUnattended, facts.Unattended, settings.UnattendedPoints);
        deductions.Sort((x, y) => string.CompareOrdinal(x.Code.ToCode(), y.Code.ToCode()));
        vetoes.Sort((x, y) => string.CompareOrdinal(x.ToCode(), y.ToCode()));

        var score = Math.Max(0, 100 - deductions.Sum(d => d.Points));
        if (vetoes.Count > 0)
        {
            return new InspectionVerdict(InspectionResultKind.Fail, Math.Min(score, VetoScoreCap), vetoes, deductions);
        }

        var result = score < settings.PassScore ? InspectionResultKind.Fail
            : score >= settings.ExcellentScore ? InspectionResultKind.Excellent
            : InspectionResultKind.Pass;
        return new InspectionVerdict(result, score, vetoes, deductions);
    }

    private static void Add(List<InspectionDeduction> deductions, InspectionCode code, bool fires, int points)
    {
        if (fires && points > 0)
        {
            deductions.Add(new InspectionDeduction(code, points, 1));
        }
    }
}
