namespace AccountRegistry.Domain.Closures;

public enum AttachmentPurpose
{
    /// <summary>注销证明: the platform's confirmation (screenshot or PDF). Needed before the request can be marked deregistered.</summary>
    Proof,

    /// <summary>停更公告截图.</summary>
    Notice,

    /// <summary>其他材料.</summary>
    Supporting,
}

public static class AttachmentPurposes
{
    public static string ToCode(this AttachmentPurpose purpose) => purpose switch
    {
        AttachmentPurpose.Proof => "proof",
        AttachmentPurpose.Notice => "notice",
        AttachmentPurpose.Supporting => "supporting",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    public static AttachmentPurpose Parse(string code) => code switch
    {
        "proof" => AttachmentPurpose.Proof,
        "notice" => AttachmentPurpose.Notice,
        "supporting" => AttachmentPurpose.Supporting,
        _ => throw new FormatException($"Unknown AttachmentPurpose code '{code}'."),
    };
}
