using AccountRegistry.Web.Tests.Support;

namespace AccountRegistry.Web.Tests.Http;

/// <summary>
/// The prerendered layout writes the theme's style sheet from a copy made once per process (ThemeStyleSheet) rather
/// than through MudThemeProvider; the page must still carry the registry's colours and fonts, once.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ThemeTests(RegistryWebApp app)
{
    [Theory]
    [InlineData("clerk.wangyue", "accounts")]
    [InlineData("reviewer", "forbidden")]
    public async Task APrerenderedPage_CarriesTheRegistryThemeOnce(string user, string path)
    {
        using var client = await LoginClient.SignInAsync(app.BaseAddress, user);

        var first = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        var second = await client.GetStringAsync(path, TestContext.Current.CancellationToken);

        foreach (var page in new[] { first, second })
        {
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "class='mud-theme-provider'"));
            Assert.Contains("--mud-palette-primary: rgba(183,28,28,1);", page, StringComparison.Ordinal);
            Assert.Contains("--mud-palette-appbar-background: rgba(183,28,28,1);", page, StringComparison.Ordinal);
            Assert.Contains("Noto Sans CJK SC", page, StringComparison.Ordinal);
        }
    }
}
