using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Inspections;

/// <summary>The indicators and warnings of spec/inspection.md.</summary>
public enum InspectionCode
{
    VetoNotUpdated,
    VetoSecurity,
    VetoNoInteraction,
    VetoUnanswered,
    DeductSlowReply,
    DeductRepostHeavy,
    DeductDuplicate,
    DeductUnattended,
    DeductNotFiled,
    NearStale,
    Revived,
}

public enum InspectionResultKind
{
    Pass,
    Fail,
    Excellent,
}

public static class InspectionCodes
{
    public static string ToCode(this InspectionCode code) => code switch
    {
        InspectionCode.VetoNotUpdated => "VETO_NOT_UPDATED",
        InspectionCode.VetoSecurity => "VETO_SECURITY",
        InspectionCode.VetoNoInteraction => "VETO_NO_INTERACTION",
        InspectionCode.VetoUnanswered => "VETO_UNANSWERED",
        InspectionCode.DeductSlowReply => "DEDUCT_SLOW_REPLY",
        InspectionCode.DeductRepostHeavy => "DEDUCT_REPOST_HEAVY",
        InspectionCode.DeductDuplicate => "DEDUCT_DUPLICATE",
        InspectionCode.DeductUnattended => "DEDUCT_UNATTENDED",
        InspectionCode.DeductNotFiled => "DEDUCT_NOT_FILED",
        InspectionCode.NearStale => "NEAR_STALE",
        InspectionCode.Revived => "REVIVED",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    private static readonly EnumCodes<InspectionCode> InspectionCodeCodes = new(ToCode);

    public static bool TryParse(string? value, out InspectionCode code) => InspectionCodeCodes.TryParse(value, out code);

    public static InspectionCode Parse(string value) =>
        TryParse(value, out var code) ? code : throw new FormatException($"Unknown inspection code '{value}'.");

    public static bool IsVeto(this InspectionCode code) => code is
        InspectionCode.VetoNotUpdated or InspectionCode.VetoSecurity or InspectionCode.VetoNoInteraction or InspectionCode.VetoUnanswered;

    public static string ToCode(this InspectionResultKind result) => result switch
    {
        InspectionResultKind.Pass => "pass",
        InspectionResultKind.Fail => "fail",
        InspectionResultKind.Excellent => "excellent",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    private static readonly EnumCodes<InspectionResultKind> ResultCodes = new(ToCode);

    public static bool TryParseResult(string? value, out InspectionResultKind result) => ResultCodes.TryParse(value, out result);

    public static InspectionResultKind ParseResult(string value) =>
        TryParseResult(value, out var result) ? result : throw new FormatException($"Unknown inspection result '{value}'.");
}
