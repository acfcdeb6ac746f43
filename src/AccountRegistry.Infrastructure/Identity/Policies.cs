namespace AccountRegistry.Infrastructure.Identity;

/// <summary>
/// The app's named authorisation policies: who may reach a page or endpoint at all, by role. Pages and endpoints name
/// a policy (<c>[Authorize(Policy = Policies.District)]</c>, <c>RequireAuthorization(Policies.District)</c>), the web
/// host registers each from <see cref="RolesOf"/>, and the use cases check the same role sets on a user's scope.
/// Which rows a user sees within a page is the unit scope's business (<c>UserScope</c>), not a policy's.
/// </summary>
public static class Policies
{
    /// <summary>Administrators alone: settings, collector keys.</summary>
    public const string Admins = nameof(Admins);

    /// <summary>The district's reviewers alone: the closure inbox where they decide clerks' requests.</summary>
    public const string Reviewers = nameof(Reviewers);

    /// <summary>Clerks alone: filing closure requests for their unit subtree.</summary>
    public const string Clerks = nameof(Clerks);

    /// <summary>The district's cyberspace office and administrators: reviewing, auditing, imports, filings, inspections.</summary>
    public const string District = nameof(District);

    /// <summary>The district and leadership: the campaign's figures, the content lists, inspection rounds' reports.</summary>
    public const string DistrictAndLeaders = nameof(DistrictAndLeaders);

    /// <summary>Every role: closure requests and rectification tasks (clerks file or answer them, the district decides, leaders watch).</summary>
    public const string AllRoles = nameof(AllRoles);

    /// <summary>The roles each policy admits.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> RolesOf { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Admins] = [Roles.Admin],
        [Reviewers] = [Roles.Reviewer],
        [Clerks] = [Roles.Clerk],
        [District] = [Roles.Reviewer, Roles.Admin],
        [DistrictAndLeaders] = [Roles.Reviewer, Roles.Admin, Roles.Leader],
        [AllRoles] = [Roles.Reviewer, Roles.Admin, Roles.Leader, Roles.Clerk],
    };
}
