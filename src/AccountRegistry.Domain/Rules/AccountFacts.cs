using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Domain.Rules;

/// <summary>
/// What the rules need to know about one account as of day T, gathered in SQL (one row per account): the rules
/// never see posts or snapshots, only these counts.
/// </summary>
public sealed record AccountFacts
{
    /// <summary>The database id.</summary>
    public required int AccountId { get; init; }

    public required Platform Platform { get; init; }

    /// <summary>The platform's own id: the spec's account_id.</summary>
    public required string PlatformAccountId { get; init; }

    public required string Name { get; init; }

    public required int UnitId { get; init; }

    public required UnitLevel UnitLevel { get; init; }

    /// <summary>The unit's nearest county ancestor (the unit itself when it is a county); null when it has none.</summary>
    public int? CountyUnitId { get; init; }

    public required DateOnly OpenedOn { get; init; }

    /// <summary>False when no operator is recorded (empty or blank counts as none, as in the import format).</summary>
    public required bool HasOperator { get; init; }

    public bool ProvidesServices { get; init; }

    public bool IsHub { get; init; }

    /// <summary>The Shanghai day of the latest post published by the end of T; null when there is none.</summary>
    public DateOnly? LastPostDay { get; init; }

    /// <summary>Posts published in W.</summary>
    public int PostsInWindow { get; init; }

    /// <summary>Posts in W marked original.</summary>
    public int OriginalsInWindow { get; init; }

    /// <summary>Posts in W that have a reads figure (a snapshot captured by the end of T).</summary>
    public int PostsWithReadsInWindow { get; init; }

    /// <summary>Sum of those posts' reads (each post's latest snapshot by the end of T).</summary>
    public long ReadsInWindow { get; init; }

    /// <summary>Posts in W that are near-duplicates of a post of another account published at or before them.</summary>
    public int DuplicatesInWindow { get; init; }

    /// <summary>For the evidence: the other account most of those duplicates copy (null when none).</summary>
    public string? CopiedAccountName { get; init; }

    /// <summary>Mean reads in W over the posts that have a figure; null when no post in W has one.</summary>
    public decimal? MeanReadsInWindow => PostsWithReadsInWindow == 0 ? null : (decimal)ReadsInWindow / PostsWithReadsInWindow;
}
