using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Reviews;

/// <summary>
/// Why a flagged account stays. The policy lets a county keep an account the rules would close when it carries a
/// public service, reaches many people, or a law requires it (e.g. a government-information disclosure channel).
/// </summary>
public enum RetainReason
{
    CarriesService,
    HighReach,
    LegalDuty,

    /// <summary>Anything else; the free text is then required.</summary>
    Other,
}

public static class RetainReasons
{
    public static string ToCode(this RetainReason reason) => reason switch
    {
        RetainReason.CarriesService => "carries_service",
        RetainReason.HighReach => "high_reach",
        RetainReason.LegalDuty => "legal_duty",
        RetainReason.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static readonly EnumCodes<RetainReason> RetainReasonCodes = new(ToCode);

    public static bool TryParse(string? code, out RetainReason reason) => RetainReasonCodes.TryParse(code, out reason);

    public static RetainReason Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown RetainReason code '{code}'.");
}
