using System.Net;
using System.Text.RegularExpressions;

namespace AccountRegistry.Web.Tests.Support;

/// <summary>An HttpClient that signs in through the real login form (antiforgery token and cookie included).</summary>
public static partial class LoginClient
{
    public static HttpClient Anonymous(Uri baseAddress) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string userName, string password = Application.Demo.DemoCounty.DemoPassword)
    {
        var client = Anonymous(baseAddress);
        var (response, _) = await PostLoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>Posts the login form once; the response and the page it rendered (the error message on failure).</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> PostLoginAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync("login");
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        var response = await client.PostAsync("login", content);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
