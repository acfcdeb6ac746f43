using System.Text;
using AccountRegistry.TestSupport;
using AccountRegistry.Web.Tests.Support;

namespace AccountRegistry.Web.Tests.Security;

/// <summary>
/// At least 10,000 generated query strings each (FUZZ_CASES) for the public endpoints and for the search and filter
/// parameters of the pages and exports, on the real app: NUL, lone surrogates, bidi controls, SQL and LIKE
/// metacharacters, huge values, wrong types, repeated parameters, broken escapes. No answer is a 5xx, and no table
/// changes (checksums taken once before and once after).
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class QueryStringFuzzTests(SecurityApp app)
{
    private static readonly string[] Nasty =
    [
        "%00", "a%00b", "%ED%A0%80", "%E2%80%AE", "%E2%81%A6x", "'", "'%3B DROP TABLE accounts;--", "%25", "_", "%5C", "\\", "%FF%FE", "%C0%80",
        "-1", "0", "99999999999999999999", "1e400", "NaN", "true", "[]", "{}", "%0A", "%0D%0A", "%09", "..%2F..%2F", "<script>", "%3Cimg%3E",
        "2026-13-45", "9999-12-31", "0001-01-01", "%", "%G1", "%E4%B8", "长", "wechat", "gh_wy", "/\\evil.example", "//evil.example",
    ];

    /// <summary>The public endpoints (anonymous) with the parameters they read.</summary>
    private static readonly (string Path, string[] Parameters)[] Public =
    [
        ("api/v1/verify", ["platform", "id", "url"]),
        ("verify", ["platform", "id", "url"]),
        ("culture", ["culture", "returnUrl"]),
        ("login", ["ReturnUrl", "returnUrl"]),
        ("health", ["x"]),
    ];

    /// <summary>Search and filter parameters of the pages and exports (signed in as an administrator).</summary>
    private static readonly (string Path, string[] Parameters)[] Filters =
    [
        ("accounts/export.xlsx", ["search", "platform", "status", "unitId", "level", "flag", "sort", "desc"]),
        ("reviews/export.xlsx", ["state", "rule", "recommendation", "unitId", "platform", "level", "minAge", "search", "contentCheck"]),
        ("audit/export.xlsx", ["actor", "action", "entityType", "entityId", "from", "to", "text"]),
        ("api/v1/dashboard/summary", ["unitId", "from", "to", "month"]),
        ("accounts", ["search", "platform", "status", "page", "sort"]),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublicEndpoints_GeneratedQueryStrings_NeverGetA5xx_AndChangeNothing()
    {
        var client = LoginClient.Anonymous(app.BaseAddress);
        await RunAsync(client, Public, 20261206);
    }

    [Fact]
    public async Task SearchAndFilterParameters_GeneratedQueryStrings_NeverGetA5xx_AndChangeNothing()
    {
        var admin = await app.ClientAsync(SecurityApp.Users.Single(u => u.Key == "admin"));
        await RunAsync(admin, Filters, 20261207);
    }

    private async Task RunAsync(HttpClient client, (string Path, string[] Parameters)[] paths, int seed)
    {
        var before = await TableChecksums.TakeAsync(app.App.ConnectionString, Ct);

        var failures = await Fuzz.RunAsync(
            Fuzz.Cases(10_000),
            seed,
            (random, _) => Url(random, paths),
            async url =>
            {
                using var response = await client.GetAsync(url, Ct);
                return (int)response.StatusCode >= 500 ? $"{(int)response.StatusCode}" : null;
            },
            url => url[..Math.Min(url.Length, 160)],
            parallelism: 4,
            Ct);

        var after = await TableChecksums.TakeAsync(app.App.ConnectionString, Ct);
        Assert.True(failures.Count == 0, $"{failures.Count} URLs:\n" + string.Join("\n", failures.Take(30)));
        Assert.Equal(before, after);
    }

    private static string Url(Random random, (string Path, string[] Parameters)[] paths)
    {
        var (path, parameters) = paths[random.Next(paths.Length)];
        var query = new StringBuilder();
        for (var i = random.Next(0, 4); i >= 0; i--)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(parameters[random.Next(parameters.Length)]).Append('=').Append(Value(random));
        }

        return path + query;
    }

    private static string Value(Random random) => random.Next(6) switch
    {
        0 => Nasty[random.Next(Nasty.Length)] + Nasty[random.Next(Nasty.Length)],
        1 => Uri.EscapeDataString(new string('长', random.Next(1, 3000))),
        2 => random.Next(-5, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => "%" + random.Next(256).ToString("X2", System.Globalization.CultureInfo.InvariantCulture))),
        _ => Nasty[random.Next(Nasty.Length)],
    };
}
