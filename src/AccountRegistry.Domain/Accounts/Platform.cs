using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Accounts;

/// <summary>The platforms of spec/interchange.md. Their codes are part of the contract.</summary>
public enum Platform
{
    Wechat,
    Weibo,
    Douyin,
    Toutiao,
    Kuaishou,
    Bilibili,
    App,
    Website,
    Other,
}

public static class Platforms
{
    public static string ToCode(this Platform platform) => platform switch
    {
        Platform.Wechat => "wechat",
        Platform.Weibo => "weibo",
        Platform.Douyin => "douyin",
        Platform.Toutiao => "toutiao",
        Platform.Kuaishou => "kuaishou",
        Platform.Bilibili => "bilibili",
        Platform.App => "app",
        Platform.Website => "website",
        Platform.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
    };

    private static readonly EnumCodes<Platform> PlatformCodes = new(ToCode);

    public static bool TryParse(string? code, out Platform platform) => PlatformCodes.TryParse(code, out platform);

    public static Platform Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown Platform code '{code}'.");
}
