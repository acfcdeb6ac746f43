using AccountRegistry.Infrastructure.Identity;

namespace AccountRegistry.Web.Tests.Security;

/// <summary>Who may reach a route at all.</summary>
public enum Audience
{
    /// <summary>Everyone, signed in or not (the login page, health, the API reference).</summary>
    Anyone,

    /// <summary>Any signed-in user, whatever the role.</summary>
    SignedIn,

    /// <summary>Signed-in users whose role <see cref="RouteRule.Policy"/> admits (<see cref="AuthorizationMatrix.PolicyRoles"/>).</summary>
    Policy,

    /// <summary>A request carrying a collector key (X-Api-Key); a user's login opens nothing here.</summary>
    CollectorKey,
}

/// <summary>Which of the allowed users may see the sample resource the rule's URL names.</summary>
public enum SampleScope
{
    /// <summary>No unit-bound resource in the URL: every allowed user gets the page.</summary>
    None,

    /// <summary>The resource belongs to township X of district A: administrators, district A and township X see it; district B and township Y get "not found".</summary>
    TownshipX,

    /// <summary>The resource belongs to district A's reviewer alone (an import's error report).</summary>
    ReviewerAOnly,
}

/// <summary>
/// One route of the app, as the app's endpoint data source names it (method and route pattern), who may reach it (for
/// <see cref="Audience.Policy"/>, the named policy the route must carry), and a sample URL to try (placeholders in
/// braces are filled from <see cref="SecurityApp.Samples"/>).
/// </summary>
public sealed record RouteRule(string Method, string Pattern, Audience Audience, string SampleUrl, SampleScope Scope = SampleScope.None, string? Policy = null)
{
    /// <summary>The roles the route's policy admits, as the design says.</summary>
    public IReadOnlyList<string> Roles => Policy is null ? [] : AuthorizationMatrix.PolicyRoles[Policy];

    /// <summary>The request ends the session (sign-out): sent from a client of its own with an antiforgery token.</summary>
    public bool EndsSession { get; init; }

    public string Key => $"{Method} {Pattern}";

    public override string ToString() => Key;
}

/// <summary>
/// THE AUTHORISATION MATRIX: every route of the app and who may reach it, as the design says. The test
/// <see cref="AuthorizationMatrixTests.EveryRouteOfTheApp_HasAnEntryInTheMatrix"/> reads the routes from the running
/// app and fails for a route that has no entry here, so a new page or endpoint cannot ship without someone stating
/// who may reach it. To add a route: add one line to <see cref="Routes"/> with its method and pattern exactly as the
/// failure message prints them, its audience and roles, and a sample URL (use a {placeholder} of
/// <see cref="SecurityApp.Samples"/> for a unit-bound resource and set the scope).
/// </summary>
public static class AuthorizationMatrix
{
    private const string Admin = Infrastructure.Identity.Roles.Admin;
    private const string Reviewer = Infrastructure.Identity.Roles.Reviewer;
    private const string Clerk = Infrastructure.Identity.Roles.Clerk;
    private const string Leader = Infrastructure.Identity.Roles.Leader;

    /// <summary>
    /// THE POLICIES: the roles each named policy of the app admits, as the design says. The app's registered policies
    /// must admit exactly these (<see cref="AuthorizationMatrixTests.EveryPolicyOfTheApp_AdmitsTheRolesTheDesignSays"/>);
    /// a route below names its policy, and what each user gets follows from this table.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Policies.Admins] = [Admin],
        [Policies.Reviewers] = [Reviewer],
        [Policies.Clerks] = [Clerk],
        [Policies.District] = [Reviewer, Admin],
        [Policies.DistrictAndLeaders] = [Reviewer, Admin, Leader],
        [Policies.AllRoles] = [Clerk, Reviewer, Leader, Admin],
    };

    public static IReadOnlyList<RouteRule> Routes { get; } =
    [
        // Open to everyone: signing in, errors, health for the load balancer, the collector API's description.
        new("GET", "/login", Audience.Anyone, "login"),
        new("GET", "/error", Audience.Anyone, "error"),
        new("GET", "/not-found", Audience.Anyone, "not-found"),
        new("*", "/health", Audience.Anyone, "health"),
        new("GET", "/culture", Audience.Anyone, "culture?culture=zh-CN&returnUrl=/dashboard"),
        new("GET", "/openapi/{documentName}.json", Audience.Anyone, "openapi/v1.json"),
        new("GET", "/scalar/{documentName?}", Audience.Anyone, "scalar/v1"),
        new("GET", "/scalar/scalar.js", Audience.Anyone, "scalar/scalar.js"),
        new("GET", "/scalar/scalar.aspnetcore.js", Audience.Anyone, "scalar/scalar.aspnetcore.js"),
        new("GET", "/scalar/favicon.svg", Audience.Anyone, "scalar/favicon.svg"),

        // Public verification: anyone may ask whether an account is official; the answer holds public facts only.
        new("GET", "/verify", Audience.Anyone, "verify"),
        new("GET", "/api/v1/verify", Audience.Anyone, "api/v1/verify?platform=wechat&id=gh_not_registered"),

        // Every signed-in user; unit-bound pages show only the user's own subtree.
        new("GET", "/", Audience.SignedIn, ""),
        new("GET", "/forbidden", Audience.SignedIn, "forbidden"),
        new("POST", "/logout", Audience.SignedIn, "logout") { EndsSession = true },
        new("GET", "/accounts", Audience.SignedIn, "accounts"),
        new("GET", "/accounts/{AccountId:int}", Audience.SignedIn, "accounts/{account}", SampleScope.TownshipX),
        new("GET", "/accounts/export.xlsx", Audience.SignedIn, "accounts/export.xlsx"),
        new("GET", "/duplicates", Audience.SignedIn, "duplicates"),
        new("GET", "/content/findings", Audience.SignedIn, "content/findings"),

        // The county's content lists: administrators edit, reviewers and leaders read.
        new("GET", "/content/lists", Audience.Policy, "content/lists", SampleScope.None, Policies.DistrictAndLeaders),
        new("GET", "/content/lists/export.xlsx", Audience.Policy, "content/lists/export.xlsx", SampleScope.None, Policies.DistrictAndLeaders),

        // Reviewing, auditing and imports: the district's cyberspace office and administrators.
        new("GET", "/reviews", Audience.Policy, "reviews", SampleScope.None, Policies.District),
        new("GET", "/reviews/{AccountId:int}", Audience.Policy, "reviews/{account}", SampleScope.TownshipX, Policies.District),
        new("GET", "/reviews/export.xlsx", Audience.Policy, "reviews/export.xlsx", SampleScope.None, Policies.District),
        new("GET", "/reviews/what-if", Audience.Policy, "reviews/what-if", SampleScope.None, Policies.DistrictAndLeaders),
        new("GET", "/audit", Audience.Policy, "audit", SampleScope.None, Policies.District),
        new("GET", "/audit/export.xlsx", Audience.Policy, "audit/export.xlsx", SampleScope.None, Policies.District),
        new("GET", "/imports", Audience.Policy, "imports", SampleScope.None, Policies.District),
        new("GET", "/imports/errors/{id:guid}.xlsx", Audience.Policy, "imports/errors/{report}.xlsx", SampleScope.ReviewerAOnly, Policies.District),
        new("GET", "/filings", Audience.Policy, "filings", SampleScope.None, Policies.District),
        new("GET", "/filings/reconcile", Audience.Policy, "filings/reconcile", SampleScope.None, Policies.District),
        new("GET", "/filings/reconcile/{id:guid}.xlsx", Audience.Policy, "filings/reconcile/{reconcile}.xlsx", SampleScope.ReviewerAOnly, Policies.District),
        new("GET", "/rules/evaluations", Audience.Policy, "rules/evaluations", SampleScope.None, Policies.District),
        new("GET", "/rules/evaluations/compare/{From:long}/{To:long}", Audience.Policy, "rules/evaluations/compare/{evaluationFrom}/{evaluationTo}", SampleScope.None, Policies.District),
        new("GET", "/inspections", Audience.Policy, "inspections", SampleScope.None, Policies.District),
        new("GET", "/inspections/export.xlsx", Audience.Policy, "inspections/export.xlsx", SampleScope.None, Policies.District),
        new("GET", "/inspections/settings", Audience.Policy, "inspections/settings", SampleScope.None, Policies.Admins),
        new("GET", "/inspections/rounds", Audience.Policy, "inspections/rounds", SampleScope.None, Policies.DistrictAndLeaders),
        new("GET", "/inspections/trends", Audience.Policy, "inspections/trends", SampleScope.None, Policies.DistrictAndLeaders),
        new("GET", "/inspections/rounds/new", Audience.Policy, "inspections/rounds/new", SampleScope.None, Policies.District),
        new("GET", "/inspections/report-template", Audience.Policy, "inspections/report-template", SampleScope.None, Policies.District),
        new("GET", "/inspections/rounds/{RoundId:long}", Audience.Policy, "inspections/rounds/{round}", SampleScope.TownshipX, Policies.District),
        new("GET", "/inspections/rounds/{RoundId:long}/report", Audience.Policy, "inspections/rounds/{round}/report", SampleScope.TownshipX, Policies.DistrictAndLeaders),
        new("GET", "/inspections/rounds/{roundId:long}/report.docx", Audience.Policy, "inspections/rounds/{round}/report.docx", SampleScope.TownshipX, Policies.DistrictAndLeaders),
        new("GET", "/inspections/rounds/{roundId:long}/findings/{findingId:long}/screenshot", Audience.Policy, "inspections/rounds/{taskRound}/findings/{finding}/screenshot", SampleScope.TownshipX, Policies.AllRoles),
        new("GET", "/rules/settings", Audience.Policy, "rules/settings", SampleScope.None, Policies.Admins),
        new("GET", "/admin/collector-keys", Audience.Policy, "admin/collector-keys", SampleScope.None, Policies.Admins),

        // The campaign's figures: leadership, reviewers, administrators.
        new("GET", "/dashboard", Audience.Policy, "dashboard", SampleScope.None, Policies.DistrictAndLeaders),
        new("GET", "/dashboard/export.xlsx", Audience.Policy, "dashboard/export.xlsx", SampleScope.None, Policies.DistrictAndLeaders),
        new("GET", "/api/v1/dashboard/summary", Audience.Policy, "api/v1/dashboard/summary", SampleScope.None, Policies.DistrictAndLeaders),

        // Closure requests: clerks file them, the district decides, leaders watch.
        new("GET", "/closures", Audience.Policy, "closures", SampleScope.None, Policies.AllRoles),
        new("GET", "/closures/{RequestId:int}", Audience.Policy, "closures/{request}", SampleScope.TownshipX, Policies.AllRoles),
        new("GET", "/closures/{requestId:int}/attachments/{attachmentId:long}", Audience.Policy, "closures/{request}/attachments/{attachment}", SampleScope.TownshipX, Policies.AllRoles),
        new("GET", "/closures/new", Audience.Policy, "closures/new", SampleScope.None, Policies.Clerks),
        new("GET", "/closures/{RequestId:int}/edit", Audience.Policy, "closures/{request}/edit", SampleScope.TownshipX, Policies.Clerks),
        new("GET", "/closures/inbox", Audience.Policy, "closures/inbox", SampleScope.None, Policies.Reviewers),

        // Rectification tasks (整改): clerks answer for their subtree, the district's reviewers decide, leaders read (RectificationRole.Observer takes no step).
        new("GET", "/rectifications", Audience.Policy, "rectifications", SampleScope.None, Policies.AllRoles),
        new("GET", "/rectifications/{TaskId:long}", Audience.Policy, "rectifications/{rectification}", SampleScope.TownshipX, Policies.AllRoles),
        new("GET", "/rectifications/{taskId:long}/evidence/{evidenceId:long}", Audience.Policy, "rectifications/{rectification}/evidence/{evidence}", SampleScope.TownshipX, Policies.AllRoles),

        // The collector API: a machine with a key, never a user's cookie.
        new("POST", "/api/v1/posts", Audience.CollectorKey, "api/v1/posts"),
        new("POST", "/api/v1/reads", Audience.CollectorKey, "api/v1/reads"),
        new("POST", "/api/v1/interactions", Audience.CollectorKey, "api/v1/interactions"),
    ];

    /// <summary>
    /// Routes of the framework itself, not of the registry: Blazor's circuit hub and scripts, and the static files
    /// (MudBlazor's css/js, app.css). Anything here is reachable by everyone by design.
    /// </summary>
    public static bool IsFrameworkRoute(string pattern) =>
        pattern.StartsWith("/_blazor", StringComparison.Ordinal)
        || pattern.StartsWith("/_framework", StringComparison.Ordinal)
        || pattern.StartsWith("/_content", StringComparison.Ordinal)

        // In Development, MapStaticAssets adds a fallback serving wwwroot files changed since the build.
        || pattern == "/{**path:file}";

    /// <summary>What the design says <paramref name="user"/> gets from <paramref name="rule"/>'s sample URL.</summary>
    public static Expected ExpectedFor(RouteRule rule, MatrixUser user)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(user);
        var isApi = rule.Pattern.StartsWith("/api/", StringComparison.Ordinal);
        switch (rule.Audience)
        {
            case Audience.Anyone:
                return Expected.Allowed;
            case Audience.CollectorKey:
                return user.Key == "collector-key" ? Expected.Allowed : Expected.Unauthenticated;
        }

        if (!user.SignedIn)
        {
            return isApi ? Expected.Unauthenticated : Expected.LoginPage;
        }

        if (rule.Audience == Audience.Policy && !rule.Roles.Contains(user.Role))
        {
            return isApi ? Expected.Forbidden : Expected.ForbiddenPage;
        }

        return Sees(rule.Scope, user) ? Expected.Allowed : Expected.NotFound;
    }

    private static bool Sees(SampleScope scope, MatrixUser user) => scope switch
    {
        SampleScope.None => true,
        SampleScope.TownshipX => user.Role == Roles.Admin || user.Unit is MatrixUnit.DistrictA or MatrixUnit.TownshipX,
        SampleScope.ReviewerAOnly => user.Key == "reviewer-A",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };
}

/// <summary>What a user gets from a URL.</summary>
public enum Expected
{
    /// <summary>2xx (or the page's redirect after a successful action, for sign-out).</summary>
    Allowed,

    /// <summary>A page: redirect to /login.</summary>
    LoginPage,

    /// <summary>An API: 401.</summary>
    Unauthenticated,

    /// <summary>A page of a role the user lacks: redirect to /forbidden.</summary>
    ForbiddenPage,

    /// <summary>An API of a role the user lacks: 403.</summary>
    Forbidden,

    /// <summary>Allowed in, but the resource is another unit's: 404 or the "not found" notice, and none of its data.</summary>
    NotFound,
}
