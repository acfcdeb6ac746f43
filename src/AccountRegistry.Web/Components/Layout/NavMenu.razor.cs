using System.Security.Claims;
using AccountRegistry.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace AccountRegistry.Web.Components.Layout;

public partial class NavMenu
{
    /// <summary>One menu entry; <see cref="Roles"/> null means every signed-in user.</summary>
    public sealed record Entry(string Href, NavLinkMatch Match, string Icon, string LabelKey, string? TestId, IReadOnlyList<string>? Roles);

    private static IReadOnlyList<string> Policy(string name) => Policies.RolesOf[name];

    /// <summary>The menu in its order. Who sees an entry is the policy of the page it opens.</summary>
    public static IReadOnlyList<Entry> Entries { get; } =
    [
        new("dashboard", NavLinkMatch.Prefix, Icons.Material.Filled.Dashboard, "Nav.Dashboard", null, Policy(Policies.DistrictAndLeaders)),
        new("accounts", NavLinkMatch.Prefix, Icons.Material.Filled.TableChart, "Nav.Accounts", null, null),
        new("duplicates", NavLinkMatch.Prefix, Icons.Material.Filled.ContentCopy, "Nav.Duplicates", null, null),
        new("content/findings", NavLinkMatch.Prefix, Icons.Material.Filled.FindInPage, "Nav.ContentFindings", "nav-content-findings", null),
        new("content/lists", NavLinkMatch.Prefix, Icons.Material.Filled.ListAlt, "Nav.ContentLists", "nav-content-lists", Policy(Policies.DistrictAndLeaders)),
        new("reviews", NavLinkMatch.All, Icons.Material.Filled.FactCheck, "Nav.Reviews", "nav-reviews", Policy(Policies.District)),
        new("reviews/what-if", NavLinkMatch.Prefix, Icons.Material.Filled.Calculate, "Nav.WhatIf", null, Policy(Policies.DistrictAndLeaders)),
        new("rules/evaluations", NavLinkMatch.Prefix, Icons.Material.Filled.Rule, "Nav.Evaluations", "nav-evaluations", Policy(Policies.District)),
        new("inspections", NavLinkMatch.All, Icons.Material.Filled.Grading, "Nav.Inspections", "nav-inspections", Policy(Policies.District)),
        new("inspections/rounds", NavLinkMatch.Prefix, Icons.Material.Filled.FactCheck, "Nav.InspectionRounds", "nav-inspection-rounds", Policy(Policies.DistrictAndLeaders)),
        new("inspections/trends", NavLinkMatch.Prefix, Icons.Material.Filled.ShowChart, "Trend.Title", "nav-pass-rate-trend", Policy(Policies.DistrictAndLeaders)),
        new("rules/settings", NavLinkMatch.Prefix, Icons.Material.Filled.Tune, "Nav.RuleSettings", "nav-rule-settings", Policy(Policies.Admins)),
        new("inspections/settings", NavLinkMatch.Prefix, Icons.Material.Filled.Checklist, "Nav.InspectionSettings", "nav-inspection-settings", Policy(Policies.Admins)),
        new("audit", NavLinkMatch.Prefix, Icons.Material.Filled.History, "Nav.Audit", null, Policy(Policies.District)),
        new("filings", NavLinkMatch.Prefix, Icons.Material.Filled.AppRegistration, "Nav.Filings", "nav-filings", [Roles.Admin, Roles.Reviewer]),
        new("imports", NavLinkMatch.Prefix, Icons.Material.Filled.UploadFile, "Nav.Imports", null, [Roles.Admin, Roles.Reviewer]),
        new("admin/collector-keys", NavLinkMatch.Prefix, Icons.Material.Filled.Key, "Nav.CollectorKeys", null, Policy(Policies.Admins)),
        new("closures", NavLinkMatch.All, Icons.Material.Filled.AssignmentTurnedIn, "Nav.Closures", "nav-closures", [Roles.Clerk, Roles.Reviewer, Roles.Leader, Roles.Admin]),
        new("rectifications", NavLinkMatch.Prefix, Icons.Material.Filled.Build, "Nav.Rectifications", "nav-rectifications", Policy(Policies.AllRoles)),
        new("closures/inbox", NavLinkMatch.Prefix, Icons.Material.Filled.Inbox, "Nav.ClosureInbox", "nav-closure-inbox", Policy(Policies.Reviewers)),
    ];

    private IReadOnlyList<Entry> visible = [];

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The entries a user sees: none before sign-in, then those whose roles the user holds.</summary>
    public static IReadOnlyList<Entry> VisibleTo(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return [];
        }

        return Entries.Where(e => e.Roles is null || e.Roles.Any(user.IsInRole)).ToList();
    }

    protected override async Task OnParametersSetAsync()
    {
        visible = AuthenticationState is null ? [] : VisibleTo((await AuthenticationState).User);
    }
}
