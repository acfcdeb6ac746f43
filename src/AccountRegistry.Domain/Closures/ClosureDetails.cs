using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Units;

namespace AccountRegistry.Domain.Closures;

/// <summary>What the clerk fills in for a close or merge request. A draft may be incomplete; <see cref="ClosureRequest.Submit"/> checks it.</summary>
public sealed record ClosureDetails(
    IReadOnlyList<ClosureReason> Reasons,
    string? ReasonText,
    DateOnly? PlannedLastPostOn,
    int? MergeTargetAccountId,
    string? ServiceTakeover);

/// <summary>What the clerk fills in for a request to open an account.</summary>
public sealed record OpeningDetails(int UnitId, Platform? Platform, string? ProposedName, string? Justification);

/// <summary>
/// Which of the policy's rules an opening would break. The request shows them; the reviewer decides (policy says
/// "in principle", so a breach is a warning, not a refusal).
/// </summary>
/// <param name="BreaksOneAccountPerPlatform">The unit already runs a live account on that platform (一个单位同一平台只开设一个账号).</param>
/// <param name="ConflictingAccountId">That account.</param>
/// <param name="BreaksBelowCountyLevel">The unit is a township, street, community or village (原则上不再开设县级以下账号).</param>
public sealed record OpeningCheck(bool BreaksOneAccountPerPlatform, int? ConflictingAccountId, bool BreaksBelowCountyLevel)
{
    public static OpeningCheck Evaluate(UnitLevel unitLevel, int? liveAccountOnSamePlatformId) =>
        new(liveAccountOnSamePlatformId is not null, liveAccountOnSamePlatformId, unitLevel.IsBelowCountyLevel());

    public bool BreaksAnyRule => BreaksOneAccountPerPlatform || BreaksBelowCountyLevel;
}
