using System.Net;
using System.Reflection;
using System.Security.Claims;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Web.Tests.Dashboard;

/// <summary>
/// A leader reads: no endpoint that changes data lets the Leader role through, and the pages a leader can open are
/// exactly the reviewed read-only ones (their actions, where other roles have some, are checked by role on the server).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LeaderReadOnlyTests(DashboardApp app)
{
    /// <summary>Pages a Leader may open, each reviewed as read-only for a leader.</summary>
    private static readonly string[] LeaderPages =
    [
        "/", // the home page sends a leader to the dashboard
        "/accounts", // the register: filters, sort, export
        "/accounts/{AccountId:int}", // one account's facts and history
        "/closures", // requests, read-only for leaders (ClosureActor.ReadOnly has no actions)
        "/closures/{RequestId:int}",
        "/content/findings", // content findings, read-only for leaders (DecideContentFinding admits Admin and Reviewer only)
        "/content/lists", // the county's lists, read-only for leaders (ContentTerms.EnsureAdmin guards every edit)
        "/dashboard",
        "/duplicates", // duplicate groups, read-only
        "/error",
        "/forbidden",
        "/inspections/rounds", // published rounds only for leaders, each linking to its report; the new-round and template buttons are the reviewers'
        "/inspections/rounds/{RoundId:long}/report", // the 通报 of a published round (InspectionRounds.LoadForReadingAsync), nothing to act on
        "/inspections/trends", // pass rates by round, township and platform; reads only
        "/login",
        "/not-found",
        "/rectifications", // 整改 tasks of the leader's subtree, read-only (RectificationRole.Observer: no step allowed)
        "/rectifications/{TaskId:long}", // one task with its answer and evidence; no form for an observer
        "/reviews/what-if", // a preview with other thresholds; saves nothing
        "/verify", // the public verification page: anyone, signed in or not, reads the register's public facts
    ];

    /// <summary>Endpoints that change data yet admit anyone at the door: the collector API (a collector key is required, never a login).</summary>
    private static readonly string[] AnonymousWrites = ["/api/v1/posts", "/api/v1/reads", "/api/v1/interactions"];

    [Fact]
    public async Task NoEndpointThatChangesData_AdmitsTheLeaderRole()
    {
        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var policies = app.App.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = app.App.Services.GetRequiredService<IAuthorizationService>();
        var leader = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "leader"), new Claim(ClaimTypes.Role, Roles.Leader)], "Identity.Application"));
        var writes = endpoints
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => m is not ("GET" or "HEAD" or "OPTIONS")) == true)
            .Where(e => !(e.RoutePattern.RawText ?? string.Empty).StartsWith("/_blazor", StringComparison.Ordinal))

            // Signing out ends the leader's own session and changes no data.
            .Where(e => e.RoutePattern.RawText != "/logout")

            // Pages take POST for their forms; which pages a leader opens is the test below.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null)
            .ToList();

        var admitted = new List<string>();
        foreach (var endpoint in writes)
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                Assert.Contains(route, AnonymousWrites);
                continue;
            }

            var policy = await AuthorizationPolicy.CombineAsync(
                policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            policy ??= await policies.GetFallbackPolicyAsync();
            if (policy is null || (await authorization.AuthorizeAsync(leader, resource: null, policy)).Succeeded)
            {
                admitted.Add(route);
            }
        }

        Assert.NotEmpty(writes);
        Assert.Empty(admitted);
    }

    [Fact]
    public async Task TheAnonymousWrites_RefuseASignedInLeader()
    {
        using var leader = await LoginClient.SignInAsync(app.BaseAddress, "leader");

        foreach (var path in new[] { "api/v1/posts", "api/v1/reads", "api/v1/interactions" })
        {
            using var response = await leader.PostAsync(path, new StringContent("[]", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public void ThePagesALeaderCanOpen_AreTheReviewedReadOnlyOnes()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>().Select(r => (Type: t, r.Template)))
            .ToList();

        var leaderPages = pages
            .Where(p => p.Type.GetCustomAttributes<AuthorizeAttribute>(inherit: true).All(AdmitsLeaders))
            .Select(p => p.Template)
            .Order(StringComparer.Ordinal);

        Assert.True(pages.Count > LeaderPages.Length);
        Assert.Equal(LeaderPages.Order(StringComparer.Ordinal), leaderPages);
    }

    /// <summary>Pages name a policy (issue 18); a role list or a bare [Authorize] is read as it always was.</summary>
    private static bool AdmitsLeaders(AuthorizeAttribute authorize) =>
        (authorize.Policy is null || Policies.RolesOf[authorize.Policy].Contains(Roles.Leader))
        && (authorize.Roles is null || authorize.Roles.Split(',').Contains(Roles.Leader));
}
