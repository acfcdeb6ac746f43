namespace AccountRegistry.Application.Duplicates;

/// <summary>Near-duplicate detector settings (configuration section "Duplicates").</summary>
public sealed class DuplicatesOptions
{
    public const string Section = "Duplicates";

    /// <summary>
    /// Members of crowded buckets (stock-sentence band keys) a detector run holds in memory at most, about 176 bytes
    /// each: the default holds ≈ 44 MB. Lower it on a small server; buckets past it are probed instead (the same pairs,
    /// slower on boilerplate-heavy text). 0 probes every bucket.
    /// </summary>
    public int CrowdedMemberBudget { get; set; } = NearDuplicateDetector.DefaultCrowdedMemberBudget;
}
