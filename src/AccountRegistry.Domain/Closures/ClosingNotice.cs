using System.Globalization;
using System.Text;
using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Domain.Closures;

/// <summary>What the closing notice needs to say.</summary>
/// <param name="AccountName">The account that stops, e.g. 望岳抖音.</param>
/// <param name="Platform">Its platform (decides 公众号 / 微博 / 抖音号 …).</param>
/// <param name="UnitName">The unit that signs the notice.</param>
/// <param name="LastPostOn">The planned last day of updates.</param>
/// <param name="IssuedOn">The notice's date.</param>
/// <param name="Merge">True when the account is merged into the hub (rather than only closed).</param>
/// <param name="HubName">Where the public finds the information from now on (the merge target, or the county's hub).</param>
/// <param name="HubPlatform">The hub's platform.</param>
/// <param name="ServiceTakeover">For an account that provides services: where the services moved.</param>
public sealed record ClosingNoticeFacts(
    string AccountName,
    Platform Platform,
    string UnitName,
    DateOnly LastPostOn,
    DateOnly IssuedOn,
    bool Merge,
    string? HubName,
    Platform? HubPlatform,
    string? ServiceTakeover);

/// <summary>
/// Writes the 停更公告 in the register of the notices the campaign produced ("根据…有关要求，本公众号将于…起停止更新…").
/// The text is Simplified Chinese whatever the UI language: it is published to the public, not shown to the user.
/// The clerk may edit it; the edited text is what the request keeps.
/// </summary>
public static class ClosingNotice
{
    public static string Compose(ClosingNoticeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var self = SelfNoun(facts.Platform);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"关于「{facts.AccountName}」{TitleNoun(facts.Platform)}停止更新的公告").Append('\n').Append('\n');
        text.Append("广大关注者：").Append('\n').Append('\n');

        text.Append(CultureInfo.InvariantCulture, $"根据政务新媒体清理整合工作有关要求，为推进政务新媒体集约化建设、更好服务群众，本{self}将于{ChineseDate(facts.LastPostOn)}起停止更新");
        if (facts.Merge && facts.HubName is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"，相关内容和功能整合至「{facts.HubName}」{TitleNoun(facts.HubPlatform ?? facts.Platform)}");
        }

        text.Append("，此后将依规办理注销手续。").Append('\n').Append('\n');

        if (facts.HubName is not null)
        {
            var hubNoun = TitleNoun(facts.HubPlatform ?? facts.Platform);
            text.Append(CultureInfo.InvariantCulture, $"今后{facts.UnitName}相关政务信息将通过「{facts.HubName}」{hubNoun}统一发布，今后相关信息请关注「{facts.HubName}」{hubNoun}。");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"今后{facts.UnitName}相关政务信息将通过上级政务新媒体平台和政府门户网站发布，敬请关注。");
        }

        text.Append('\n').Append('\n');

        if (!string.IsNullOrWhiteSpace(facts.ServiceTakeover))
        {
            text.Append(CultureInfo.InvariantCulture, $"本{self}原有的便民服务功能已迁移至{facts.ServiceTakeover.Trim()}，请通过该渠道继续办理，给您带来的不便敬请谅解。").Append('\n').Append('\n');
        }

        text.Append("感谢大家一直以来的关注和支持！").Append('\n').Append('\n');
        text.Append(facts.UnitName).Append('\n');
        text.Append(ChineseDate(facts.IssuedOn));
        return text.ToString();
    }

    /// <summary>2026年12月1日: the form official notices use (no leading zeros).</summary>
    public static string ChineseDate(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{day.Year}年{day.Month}月{day.Day}日");

    /// <summary>How a notice names the account's kind in its title and when pointing elsewhere.</summary>
    public static string TitleNoun(Platform platform) => platform switch
    {
        Platform.Wechat => "微信公众号",
        Platform.Weibo => "微博",
        Platform.Douyin => "抖音号",
        Platform.Toutiao => "今日头条号",
        Platform.Kuaishou => "快手号",
        Platform.Bilibili => "哔哩哔哩账号",
        Platform.App => "客户端",
        Platform.Website => "网站",
        Platform.Other => "账号",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
    };

    /// <summary>How the account speaks of itself: 本公众号, 本微博, 本账号 ….</summary>
    public static string SelfNoun(Platform platform) => platform switch
    {
        Platform.Wechat => "公众号",
        Platform.Weibo => "微博",
        Platform.App => "客户端",
        Platform.Website => "网站",
        Platform.Douyin or Platform.Toutiao or Platform.Kuaishou or Platform.Bilibili or Platform.Other => "账号",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, null),
    };
}
