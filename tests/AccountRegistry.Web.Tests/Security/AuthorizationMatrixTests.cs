using System.Net;
using System.Text.RegularExpressions;
using AccountRegistry.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Web.Tests.Security;

/// <summary>
/// Every route of the app against every kind of user (anonymous, a collector key, an administrator, reviewers of two
/// districts, clerks of two townships, a leader), on the server over real HTTP: allowed exactly where
/// <see cref="AuthorizationMatrix"/> says, the login page, 401, the forbidden page, 403 or "not found" elsewhere.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed partial class AuthorizationMatrixTests(SecurityApp app)
{
    public static TheoryData<string> RouteKeys() => new(AuthorizationMatrix.Routes.Select(r => r.Key));

    [Fact]
    public void EveryRouteOfTheApp_HasAnEntryInTheMatrix()
    {
        var routes = AppRoutes(app.App.Services);
        var stated = AuthorizationMatrix.Routes.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        var missing = routes.Where(r => !stated.Contains(r)).Order(StringComparer.Ordinal).ToList();
        var stale = stated.Where(r => !routes.Contains(r)).Order(StringComparer.Ordinal).ToList();

        Assert.True(
            missing.Count == 0,
            "Routes with no entry in tests/AccountRegistry.Web.Tests/Security/AuthorizationMatrix.cs (say who may reach each):\n  " + string.Join("\n  ", missing));
        Assert.True(stale.Count == 0, "Matrix entries for routes the app no longer has:\n  " + string.Join("\n  ", stale));
        Assert.Contains("GET /accounts/{AccountId:int}", routes);
        Assert.Contains("POST /api/v1/posts", routes);
    }

    [Fact]
    public async Task EveryPolicyOfTheApp_AdmitsTheRolesTheDesignSays()
    {
        var provider = app.App.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        Assert.Equal(AuthorizationMatrix.PolicyRoles.Keys.Order(StringComparer.Ordinal), Policies.RolesOf.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, roles) in AuthorizationMatrix.PolicyRoles)
        {
            var policy = await provider.GetPolicyAsync(name);
            Assert.True(policy is not null, $"The app registers no policy {name}");
            var requirement = Assert.Single(policy.Requirements.OfType<RolesAuthorizationRequirement>());
            Assert.Equal(roles.Order(StringComparer.Ordinal), requirement.AllowedRoles.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void EveryPolicyRoute_CarriesThePolicyTheMatrixNames()
    {
        var failures = new List<string>();
        foreach (var endpoint in AppEndpoints(app.App.Services))
        {
            var named = endpoint.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var rule = AuthorizationMatrix.Routes.SingleOrDefault(r => r.Key == endpoint.Key);
            // The dashboard summary lets county systems in with a key, so it is anonymous and checks the policy's roles itself.
            var decidesItself = endpoint.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (rule?.Audience == Audience.Policy && !decidesItself && !named.SequenceEqual([rule.Policy!]))
            {
                failures.Add($"{endpoint.Key}: the matrix says {rule.Policy}, the route carries [{string.Join(", ", named)}]");
            }

            if (endpoint.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Roles is not null))
            {
                failures.Add($"{endpoint.Key}: a role list instead of a named policy (Infrastructure/Identity/Policies.cs)");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n  ", failures));
    }

    [Theory]
    [MemberData(nameof(RouteKeys))]
    public async Task Route_AnswersEachUserAsTheMatrixSays(string key)
    {
        var rule = AuthorizationMatrix.Routes.Single(r => r.Key == key);
        var failures = new List<string>();

        foreach (var user in SecurityApp.Users)
        {
            var expected = AuthorizationMatrix.ExpectedFor(rule, user);
            var (actual, body, detail) = await SendAsync(rule, user);
            if (actual != expected)
            {
                // A server error's page (Development shows the exception) says more than its status.
                var excerpt = detail.StartsWith('5') ? ": " + body[..Math.Min(body.Length, 600)].ReplaceLineEndings(" ") : string.Empty;
                failures.Add($"{user}: expected {expected}, got {actual} ({detail}){excerpt}");
            }
            else if (expected == Expected.NotFound && body.Contains(SecurityApp.AccountXName, StringComparison.Ordinal))
            {
                failures.Add($"{user}: 'not found', but the response names the other unit's account");
            }
        }

        Assert.True(failures.Count == 0, $"{key} ({Url(rule)}):\n  " + string.Join("\n  ", failures));
    }

    /// <summary>The registry's routes as "METHOD /pattern": pages answer GET (their form posts are checked by the antiforgery tests).</summary>
    internal static HashSet<string> AppRoutes(IServiceProvider services) =>
        AppEndpoints(services).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string Key, RouteEndpoint Endpoint)> AppEndpoints(IServiceProvider services)
    {
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (AuthorizationMatrix.IsFrameworkRoute(pattern) || IsStaticFile(endpoint))
            {
                continue;
            }

            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var methods = isPage ? ["GET"] : endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods.Where(m => m != HttpMethods.Head))
            {
                yield return ($"{method} {pattern}", endpoint);
            }
        }
    }

    // MapStaticAssets makes one endpoint per file under wwwroot and per package asset; they carry no registry data.
    private static bool IsStaticFile(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor")
        || endpoint.DisplayName?.StartsWith("Static Assets", StringComparison.OrdinalIgnoreCase) == true;

    private string Url(RouteRule rule) =>
        Placeholder().Replace(rule.SampleUrl, m => app.Samples.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"No sample value for {{{m.Groups[1].Value}}} (SecurityApp.Samples)."));

    private async Task<(Expected? Actual, string Body, string Detail)> SendAsync(RouteRule rule, MatrixUser user)
    {
        var url = Url(rule);
        var ct = TestContext.Current.CancellationToken;
        if (rule.EndsSession)
        {
            using var own = await app.FreshClientAsync(user);
            var form = new Dictionary<string, string>();
            if (user.SignedIn)
            {
                form["__RequestVerificationToken"] = await AntiforgeryTokenAsync(own);
            }

            using var content = new FormUrlEncodedContent(form);
            using var signOut = await own.PostAsync(url, content, ct);
            using var after = await own.GetAsync("", ct);
            var ended = user.SignedIn && signOut.StatusCode == HttpStatusCode.Redirect && IsRedirectTo(after, "/login");
            return (ended ? Expected.Allowed : Classify(signOut, string.Empty), string.Empty, Describe(signOut));
        }

        var client = await app.ClientAsync(user);
        using var request = new HttpRequestMessage(new HttpMethod(rule.Method == "*" ? "GET" : rule.Method), url);
        if (rule.Method == "POST")
        {
            // Not an array: refused by validation (400) once past authentication, so nothing is stored and no
            // post-import work starts.
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!user.SignedIn)
        {
            client.Dispose();
        }

        var reachedValidation = rule.Method == "POST" && response.StatusCode == HttpStatusCode.BadRequest;
        return (reachedValidation ? Expected.Allowed : Classify(response, body), body, Describe(response));
    }

    internal static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("accounts", TestContext.Current.CancellationToken);
        var match = TokenPattern().Match(page);
        Assert.True(match.Success, "No antiforgery token on the register page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static Expected? Classify(HttpResponseMessage response, string body) => response.StatusCode switch
    {
        HttpStatusCode.Found or HttpStatusCode.SeeOther when IsRedirectTo(response, "/login") => Expected.LoginPage,
        HttpStatusCode.Found or HttpStatusCode.SeeOther when IsRedirectTo(response, "/forbidden") => Expected.ForbiddenPage,
        HttpStatusCode.Unauthorized => Expected.Unauthenticated,
        HttpStatusCode.Forbidden => Expected.Forbidden,
        HttpStatusCode.NotFound => Expected.NotFound,
        >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices when body.Contains("data-testid=\"not-found\"", StringComparison.Ordinal) => Expected.NotFound,
        >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices => Expected.Allowed,
        HttpStatusCode.Found or HttpStatusCode.SeeOther => Expected.Allowed,
        _ => null,
    };

    private static bool IsRedirectTo(HttpResponseMessage response, string path) =>
        (int)response.StatusCode is >= 300 and < 400
        && response.Headers.Location is { } location
        && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]).EndsWith(path, StringComparison.Ordinal);

    private static string Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode}{(response.Headers.Location is { } l ? " → " + l : string.Empty)}";

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
