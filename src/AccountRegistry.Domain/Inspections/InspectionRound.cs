// Over 300 lines: the inspection round's small types (states, errors, accounts, findings, scoring) live with the
// round they belong to; each is short and none is used without it.
namespace AccountRegistry.Domain.Inspections;

/// <summary>Where a round stands: opened (sample drawn), checked (indicators run), published (frozen).</summary>
public enum RoundState
{
    Open,
    Checked,
    Published,
}

/// <summary>What a round covers: the reviewer's whole district, or chosen townships.</summary>
public enum RoundScope
{
    District,
    Townships,
}

/// <summary>Every live account in scope, or a stratified sample (share per platform and township, at least one each).</summary>
public enum RoundSampling
{
    AllLive,
    Stratified,
}

public enum ManualFindingKind
{
    Veto,
    Deduction,
}

/// <summary>What the data cannot show and an inspector sees on the account itself.</summary>
public enum ManualFindingItem
{
    BrokenMenu,
    CommercialAds,
    UnrelatedLikes,
    UnusableApp,
    Other,
}

public enum RoundError
{
    /// <summary>The round is published: its results are frozen.</summary>
    Frozen,

    /// <summary>Publishing needs the indicators to have run.</summary>
    NotRun,
    TitleRequired,
    NoUnits,
    ShareOutOfRange,
    PointsOutOfRange,
    NoteRequired,
    NotInSample,
    ScreenshotRequired,
    NotFound,

    /// <summary>Someone changed the round meanwhile: nothing was saved.</summary>
    Conflict,

    /// <summary>The 通报 is written from a published round only.</summary>
    NotPublished,
}

public sealed class RoundException : Exception
{
    public RoundException(RoundError error, string message)
        : base(message) => Error = error;

    public RoundException()
        : this(RoundError.Conflict, "The round was changed meanwhile.")
    {
    }

    public RoundException(string message)
        : this(RoundError.Conflict, message)
    {
    }

    public RoundException(string message, Exception innerException)
        : base(message, innerException) => Error = RoundError.Conflict;

    public RoundError Error { get; }
}

/// <summary>
/// 专项检查 / 季度抽查: a reviewer's inspection of the accounts in a scope as of a check point. The accounts inspected
/// are drawn when the round opens (all live ones or a stratified sample, reproducible from <see cref="Seed"/>), the
/// indicators run as an <see cref="Inspection"/> the round points to, manual findings add vetoes and deductions, and
/// publishing freezes all of it: every change after that is refused here, whoever asks.
/// </summary>
public class InspectionRound
{
    public const int MaxTitleLength = 200;

    public long Id { get; set; }

    public required string Title { get; set; }

    /// <summary>Check point T.</summary>
    public DateOnly AsOf { get; set; }

    public RoundScope Scope { get; set; }

    /// <summary>The district's unit, or the townships chosen.</summary>
    public int[] UnitIds { get; set; } = [];

    public RoundSampling Sampling { get; set; }

    /// <summary>The share drawn per stratum (0 &lt; share ≤ 1); null for every live account.</summary>
    public decimal? SampleShare { get; set; }

    /// <summary>The seed the sample was drawn from: the same seed on the same accounts draws the same sample.</summary>
    public long Seed { get; set; }

    private RoundState state;

    public RoundState State { get => state; init => state = value; }

    private long? inspectionId;

    /// <summary>The indicators' run for this round; null until it ran.</summary>
    public long? InspectionId { get => inspectionId; init => inspectionId = value; }

    public required string OpenedBy { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    private DateTimeOffset? checkedAt;

    public DateTimeOffset? CheckedAt { get => checkedAt; init => checkedAt = value; }

    private string? publishedBy;

    public string? PublishedBy { get => publishedBy; init => publishedBy = value; }

    /// <summary>
    /// The county's wording of the 通报 as it stood when the round was published (JSON of <see cref="ReportTemplateText"/>),
    /// so that a later edit does not reword a report already sent; null: the default wording.
    /// </summary>
    public string? ReportTemplate { get; set; }

    private DateTimeOffset? publishedAt;

    public DateTimeOffset? PublishedAt { get => publishedAt; init => publishedAt = value; }

    /// <summary>PostgreSQL xmin: two reviewers changing one round conflict instead of overwriting each other.</summary>
    public uint Version { get; set; }

    public static InspectionRound Open(
        string title, DateOnly asOf, RoundScope scope, IReadOnlyCollection<int> unitIds, RoundSampling sampling, decimal? share, long seed, string openedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(openedBy);
        var name = title?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxTitleLength)
        {
            throw new RoundException(RoundError.TitleRequired, "A round needs a title of at most 200 characters.");
        }

        if (unitIds.Count == 0 || (scope == RoundScope.District && unitIds.Count != 1))
        {
            throw new RoundException(RoundError.NoUnits, "A round covers one district or at least one township.");
        }

        if (sampling == RoundSampling.Stratified && share is not (> 0m and <= 1m))
        {
            throw new RoundException(RoundError.ShareOutOfRange, $"The sample share must lie in (0, 1], not {share}.");
        }

        return new InspectionRound
        {
            Title = name,
            AsOf = asOf,
            Scope = scope,
            UnitIds = [.. unitIds.Distinct().Order()],
            Sampling = sampling,
            SampleShare = sampling == RoundSampling.Stratified ? share : null,
            Seed = seed,
            State = RoundState.Open,
            OpenedBy = openedBy,
            OpenedAt = now,
        };
    }

    /// <summary>The indicators ran (again) for the round's accounts.</summary>
    public void RecordRun(long inspectionId, DateTimeOffset now)
    {
        EnsureNotPublished();
        this.inspectionId = inspectionId;
        checkedAt = now;
        state = RoundState.Checked;
    }

    /// <summary>A manual finding on one of the round's accounts; a veto carries no points, a deduction 1 to 100.</summary>
    public InspectionRoundFinding AddFinding(
        int accountId, bool inSample, ManualFindingKind kind, ManualFindingItem item, int points, string note, RoundScreenshot? screenshot, string by, DateTimeOffset now)
    {
        EnsureNotPublished();
        if (!inSample)
        {
            throw new RoundException(RoundError.NotInSample, $"Account {accountId} is not among the round's accounts.");
        }

        if (kind == ManualFindingKind.Deduction ? points is < 1 or > 100 : points != 0)
        {
            throw new RoundException(RoundError.PointsOutOfRange, "A deduction takes 1 to 100 points; a veto none.");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw new RoundException(RoundError.NoteRequired, "A manual finding says what was found.");
        }

        if (screenshot is null)
        {
            throw new RoundException(RoundError.ScreenshotRequired, "A manual finding needs a screenshot of what was found.");
        }

        return new InspectionRoundFinding
        {
            RoundId = Id,
            AccountId = accountId,
            Kind = kind,
            Item = item,
            Points = points,
            Note = note.Trim(),
            FileName = screenshot.FileName,
            ContentType = screenshot.ContentType,
            Content = screenshot.Content,
            RecordedBy = by,
            RecordedAt = now,
        };
    }

    /// <summary>Refuses any change to a published round (taking a manual finding back, too).</summary>
    public void EnsureEditable() => EnsureNotPublished();

    public void Publish(string by, DateTimeOffset now)
    {
        EnsureNotPublished();
        if (State != RoundState.Checked || InspectionId is null)
        {
            throw new RoundException(RoundError.NotRun, "Run the indicators before publishing the round.");
        }

        state = RoundState.Published;
        publishedBy = by;
        publishedAt = now;
    }

    private void EnsureNotPublished()
    {
        if (State == RoundState.Published)
        {
            throw new RoundException(RoundError.Frozen, $"Round {Id} is published; its results are frozen.");
        }
    }
}

/// <summary>A screenshot whose signature has been checked (the closure attachments' checks).</summary>
public sealed record RoundScreenshot(string FileName, string ContentType, byte[] Content);

/// <summary>One account drawn into a round, with its stratum.</summary>
public class InspectionRoundAccount
{
    public long RoundId { get; set; }

    public int AccountId { get; set; }

    public required string Platform { get; set; }

    /// <summary>The township (or street) the account belongs under; null for county-level units.</summary>
    public int? TownshipUnitId { get; set; }
}

/// <summary>A veto or deduction an inspector recorded by hand, with the screenshot that shows it.</summary>
public class InspectionRoundFinding
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public int AccountId { get; set; }

    public ManualFindingKind Kind { get; set; }

    public ManualFindingItem Item { get; set; }

    public int Points { get; set; }

    public required string Note { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public byte[] Content { get; set; } = [];

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>An account's verdict in a round: the indicators' verdict with the manual findings added, by the same scoring rules.</summary>
public static class RoundScoring
{
    public static (InspectionResultKind Result, int Score) Combine(
        int indicatorScore, bool indicatorVeto, IEnumerable<InspectionRoundFinding> findings, InspectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(settings);
        var list = findings.ToList();

        // The indicator score is already capped at 59 when a veto fired; a manual veto caps the same way.
        var score = Math.Max(0, indicatorScore - list.Where(f => f.Kind == ManualFindingKind.Deduction).Sum(f => f.Points));
        if (indicatorVeto || list.Any(f => f.Kind == ManualFindingKind.Veto))
        {
            return (InspectionResultKind.Fail, Math.Min(score, InspectionScorer.VetoScoreCap));
        }

        var result = score < settings.PassScore ? InspectionResultKind.Fail
            : score >= settings.ExcellentScore ? InspectionResultKind.Excellent
            : InspectionResultKind.Pass;
        return (result, score);
    }
}
