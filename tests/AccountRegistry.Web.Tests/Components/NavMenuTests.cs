using System.Security.Claims;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AccountRegistry.Web.Tests.Components;

/// <summary>
/// Who sees which menu entry, with the app's real policies (not bUnit's fake authorization): a menu entry shown to a
/// role that its page refuses, or hidden from a role that needs it, is a defect either way.
/// </summary>
public sealed class NavMenuTests : BunitContext
{
    private static readonly string[] Everyone = ["accounts", "duplicates", "content/findings"];

    public static TheoryData<string, string[]> MenuOfEachRole => new()
    {
        {
            Roles.Reviewer,
            ["dashboard", .. Everyone, "content/lists", "reviews", "reviews/what-if", "rules/evaluations", "inspections", "inspections/rounds",
             "inspections/trends", "audit", "filings", "imports", "closures", "rectifications", "closures/inbox"]
        },
        {
            Roles.Admin,
            ["dashboard", .. Everyone, "content/lists", "reviews", "reviews/what-if", "rules/evaluations", "inspections", "inspections/rounds",
             "inspections/trends", "rules/settings", "inspections/settings", "audit", "filings", "imports", "admin/collector-keys", "closures",
             "rectifications"]
        },
        { Roles.Leader, ["dashboard", .. Everyone, "content/lists", "reviews/what-if", "inspections/rounds", "inspections/trends", "closures", "rectifications"] },
        { Roles.Clerk, [.. Everyone, "closures", "rectifications"] },
    };

    public NavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddCascadingAuthenticationState();
        var authorization = Services.AddAuthorizationCore();
        foreach (var (name, roles) in Policies.RolesOf)
        {
            authorization.AddAuthorizationBuilder().AddPolicy(name, policy => policy.RequireRole(roles));
        }

        // bUnit supplies a placeholder that refuses every check; the real service evaluates the policies' roles.
        Services.AddTransient<IAuthorizationService, DefaultAuthorizationService>();
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
    }

    [Theory]
    [MemberData(nameof(MenuOfEachRole))]
    public void EachRole_SeesExactlyTheEntriesOfItsPages_InMenuOrder(string role, string[] expected)
    {
        SignIn(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "test"));

        var menu = Render<NavMenu>();

        Assert.Equal(expected, menu.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href") ?? "").ToArray());
        Assert.All(menu.FindAll("a.mud-nav-link"), a => Assert.False(string.IsNullOrWhiteSpace(a.QuerySelector(".mud-nav-link-text")?.TextContent)));
    }

    [Fact]
    public void Anonymous_SeesNoEntry()
    {
        SignIn(new ClaimsIdentity());

        var menu = Render<NavMenu>();

        Assert.Empty(menu.FindAll("a"));
    }

    [Fact]
    public void TheCurrentPage_IsMarkedActive()
    {
        SignIn(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, Roles.Reviewer)], "test"));
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("reviews/what-if");

        var menu = Render<NavMenu>();

        var active = menu.FindAll("a.mud-nav-link.active").Select(a => a.GetAttribute("href") ?? "").ToArray();
        Assert.Equal(["reviews/what-if"], active);
    }

    private void SignIn(ClaimsIdentity identity) =>
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(new ClaimsPrincipal(identity)));

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
