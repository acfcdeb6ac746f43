using System.Text.RegularExpressions;

namespace AccountRegistry.Domain.Content;

/// <summary>
/// Finds links in a text and reports those whose host is outside the allow list. A link is an http(s) address, or
/// a bare host name (<c>www.example.com</c>, <c>shop.example.cn/item</c>) whose last label is a common top-level
/// domain, so that file names such as <c>通知.docx</c> and version numbers are not taken for links. An allowed entry
/// covers its subdomains (<c>gov.cn</c> allows <c>www.hunan.gov.cn</c>). The post's own url (its address on the
/// platform) is not checked: it is where the post lives, not a link in it.
/// </summary>
public static partial class LinkScanner
{
    private static readonly HashSet<string> BareTopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "cn", "net", "org", "gov", "edu", "info", "top", "xyz", "vip", "shop", "cc", "tv", "me", "io", "co",
        "biz", "site", "online", "store", "club", "wang", "xin", "ltd", "link", "live", "fun", "ink", "pub", "hk", "tw", "mo",
    };

    public static void Scan(string text, ContentField field, IReadOnlyList<string> allowedDomains, List<ContentMatch> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(allowedDomains);
        ArgumentNullException.ThrowIfNull(output);
        if (!text.Contains('.', StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match match in Link().Matches(text))
        {
            var host = match.Groups["host"].Value.ToLowerInvariant();
            var hasScheme = match.Groups["scheme"].Success;
            var topLevel = host[(host.LastIndexOf('.') + 1)..];
            if (!hasScheme && !BareTopLevelDomains.Contains(topLevel))
            {
                continue;
            }

            if (!IsAllowed(host, allowedDomains))
            {
                output.Add(new ContentMatch(ContentCheck.ExternalLink, host, field, match.Index, match.Value));
            }
        }
    }

    public static bool IsAllowed(string host, IReadOnlyList<string> allowedDomains)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(allowedDomains);
        foreach (var domain in allowedDomains)
        {
            if (host.Equals(domain, StringComparison.OrdinalIgnoreCase)
                || (host.Length > domain.Length && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && host[host.Length - domain.Length - 1] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An allow-list entry as stored: lower-case host, no scheme, path, port or leading "www." / ".".</summary>
    public static string? NormalizeDomain(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return null;
        }

        var text = entry.Trim().ToLowerInvariant();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        var end = text.IndexOfAny(['/', ':', '?', '#']);
        if (end >= 0)
        {
            text = text[..end];
        }

        text = text.TrimStart('.');
        if (text.StartsWith("www.", StringComparison.Ordinal))
        {
            text = text[4..];
        }

        return HostName().IsMatch(text) ? text : null;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9@._-])(?<scheme>https?://)?(?<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![A-Za-z0-9-])(?::\d{1,5})?(?:[/?#][!-~]*)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
