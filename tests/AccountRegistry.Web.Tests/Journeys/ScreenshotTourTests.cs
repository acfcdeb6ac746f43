using System.Text.RegularExpressions;
using AccountRegistry.Web.Tests.Dashboard;
using Microsoft.Playwright;

namespace AccountRegistry.Web.Tests.Journeys;

/// <summary>
/// Each role's menu, page by page, on the demo county with its campaign (as `registry seed-demo` loads it), in both languages: no English left in the Chinese screens, no
/// Chinese UI text in the English ones (data such as names stays Chinese), no console errors, no missing static files.
/// The full-page screenshots in test-artifacts/screenshots/tour-* are the README's pictures.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class ScreenshotTourTests(DashboardApp app, Support.Browser browser)
{
    /// <summary>
    /// The screen's own words: menu, headings, column heads, buttons, field labels, pager, chips, chart legends, tabs,
    /// alerts. Cells, links and inputs hold data (account ids are Latin, names Chinese) and are left out.
    /// </summary>
    private const string UiTextScript = """
        () => {
          const selectors = ['nav .mud-nav-link-text', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'button', 'label',
            '.mud-input-label', '.mud-table-pagination', '.mud-tab', '.mud-chart-legend', '.mud-alert-message',
            '.mud-input-helper-text', 'legend', '.mud-typography-caption', '.mud-typography-subtitle1'];
          const dataHolders = 'td, a[href*="accounts/"], [data-testid=account-name], [data-testid=unit-path], .user-name, [data-user-text], input, textarea, .mud-input';
          const texts = [];
          for (const el of document.querySelectorAll(selectors.join(','))) {
            if (el.closest(dataHolders) || el.offsetParent === null) continue;
            const clone = el.cloneNode(true);
            clone.querySelectorAll(dataHolders).forEach(n => n.remove());
            const text = clone.textContent.trim();
            if (text) texts.push(text);
          }
          return texts;
        }
        """;

    public static TheoryData<string> Roles => new() { "admin", "reviewer", "leader", "clerk.wangyue" };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryMenuPage_ReadsInOneLanguage_WithoutErrors(string role)
    {
        var page = await browser.NewPageAsync(app.BaseAddress);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{page.Url}: console error: {message.Text} ({message.Location})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status == 404 && StaticAsset().IsMatch(new Uri(response.Url).AbsolutePath))
            {
                problems.Add($"{page.Url}: 404 for {response.Url}");
            }
        };

        await Support.Browser.SignInAsync(page, role);
        var menu = await page.Locator("nav a.mud-nav-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(menu);
        var firstAccount = await FirstAccountAsync(page);
        string[] pages = [.. menu, firstAccount];

        foreach (var language in new[] { "zh-CN", "en" })
        {
            await page.GotoAsync($"culture?culture={language}&returnUrl=%2F");
            foreach (var href in pages)
            {
                await page.GotoAsync(href);
                await Support.Browser.WaitInteractiveAsync(page);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await WaitSettledAsync(page);
                var texts = await page.EvaluateAsync<string[]>(UiTextScript);
                var body = await page.Locator("body").InnerTextAsync();
                problems.AddRange(language == "zh-CN" ? EnglishIn(href, texts, body) : ChineseIn(href, texts));
                await Support.Browser.ScreenshotAsync(page, $"tour-{role}-{language}-{Slug(href)}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    /// <summary>Latin words of three letters or more in the screen's own words, and MudBlazor's English anywhere.</summary>
    private static IEnumerable<string> EnglishIn(string href, IEnumerable<string> texts, string body)
    {
        foreach (var text in texts)
        {
            foreach (Match word in LatinWord().Matches(text))
            {
                if (!AllowedLatin.Contains(word.Value))
                {
                    yield return $"{href} (zh-CN): English \"{word.Value}\" in \"{text}\"";
                }
            }
        }

        foreach (var phrase in new[] { "Rows per page", "Loading", "No matching records", "First page", "Previous page" })
        {
            if (body.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{href} (zh-CN): MudBlazor's English \"{phrase}\"";
            }
        }

        if (PagerInEnglish().IsMatch(body))
        {
            yield return $"{href} (zh-CN): pager in English \"{PagerInEnglish().Match(body).Value}\"";
        }
    }

    private static IEnumerable<string> ChineseIn(string href, IEnumerable<string> texts) =>
        texts.Where(t => Han().IsMatch(t)).Select(t => $"{href} (en): Chinese UI text \"{t}\"");

    /// <summary>
    /// Names written in Latin letters in Chinese too: formats, and the import's file names (units.csv, accounts.xlsx …),
    /// which the collector writes as they are.
    /// </summary>
    private static readonly HashSet<string> AllowedLatin = new(StringComparer.Ordinal)
    {
        "Excel", "xlsx", "csv", "URL", "API", "PDF", "docx", "units", "accounts", "posts", "reads", "interactions",
    };

    private static async Task<string> FirstAccountAsync(IPage page)
    {
        await page.GotoAsync("accounts");
        await Support.Browser.WaitInteractiveAsync(page);
        var link = page.GetByTestId("account-link").First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        return (await link.GetAttributeAsync("href"))!;
    }

    /// <summary>Tables and charts load after the circuit connects: wait until no progress bar remains.</summary>
    private static async Task WaitSettledAsync(IPage page)
    {
        await Assertions.Expect(page.Locator(".mud-progress-linear-indeterminate, .mud-table-loading-progress")).ToHaveCountAsync(0);
        await page.WaitForTimeoutAsync(300);
    }

    private static string Slug(string href) => href.Trim('/').Replace('/', '-') is { Length: > 0 } slug ? slug : "home";

    [GeneratedRegex(@"\.(css|js|mjs|png|svg|ico|woff2?|ttf|map)$|^/_content/|^/_framework/", RegexOptions.IgnoreCase)]
    private static partial Regex StaticAsset();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.@/-])[A-Za-z]{3,}(?![A-Za-z0-9_.@/-])")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"\d+\s*[-–]\s*\d+ of \d+")]
    private static partial Regex PagerInEnglish();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
