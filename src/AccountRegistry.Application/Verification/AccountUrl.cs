using System.Text.RegularExpressions;
using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Application.Verification;

/// <summary>
/// The platform and account id in the address of an account's home page, for the platforms whose addresses carry
/// the id the registry keeps: Weibo (weibo.com/u/UID, weibo.com/UID, m.weibo.cn/u/UID, m.weibo.cn/profile/UID),
/// Douyin (douyin.com/user/ID), Bilibili (space.bilibili.com/MID), Toutiao (toutiao.com/c/user/ID/ and
/// /c/user/token/TOKEN/) and Kuaishou (kuaishou.com/profile/ID). A WeChat official account has no home-page address
/// with its original id (articles carry __biz, a different key), so it is verified by platform and id only.
/// </summary>
public static partial class AccountUrl
{
    public static bool TryParse(string? url, out Platform platform, out string accountId)
    {
        platform = default;
        accountId = string.Empty;
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var text = url.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        var host = uri.Host.ToLowerInvariant();
        var path = uri.AbsolutePath;
        Match match;
        if (IsHost(host, "weibo.com") || IsHost(host, "weibo.cn"))
        {
            match = WeiboPath().Match(path);
            platform = Platform.Weibo;
        }
        else if (IsHost(host, "douyin.com"))
        {
            match = DouyinPath().Match(path);
            platform = Platform.Douyin;
        }
        else if (host == "space.bilibili.com")
        {
            match = BilibiliPath().Match(path);
            platform = Platform.Bilibili;
        }
        else if (IsHost(host, "toutiao.com"))
        {
            match = ToutiaoPath().Match(path);
            platform = Platform.Toutiao;
        }
        else if (IsHost(host, "kuaishou.com"))
        {
            match = KuaishouPath().Match(path);
            platform = Platform.Kuaishou;
        }
        else
        {
            return false;
        }

        if (!match.Success)
        {
            return false;
        }

        accountId = match.Groups["id"].Value;
        return true;
    }

    private static bool IsHost(string host, string domain) => host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);

    [GeneratedRegex(@"^/(?:u/|profile/)?(?<id>\d{5,20})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex WeiboPath();

    [GeneratedRegex(@"^/user/(?<id>[A-Za-z0-9_\-]{3,100})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex DouyinPath();

    [GeneratedRegex(@"^/(?<id>\d{1,20})(?:/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex BilibiliPath();

    [GeneratedRegex(@"^/c/user/(?:token/)?(?<id>[A-Za-z0-9_\-]{3,100})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex ToutiaoPath();

    [GeneratedRegex(@"^/profile/(?<id>[A-Za-z0-9_\-]{3,100})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex KuaishouPath();
}
