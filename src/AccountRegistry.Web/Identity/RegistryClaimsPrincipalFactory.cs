using System.Globalization;
using System.Security.Claims;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AccountRegistry.Web.Identity;

/// <summary>Puts the user's unit and its tree path into the cookie, so every request knows the user's scope without a query.</summary>
public sealed class RegistryClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<RegistryDbContext> contexts)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    public const string UnitIdClaim = "registry:unit_id";
    public const string UnitPathClaim = "registry:unit_path";
    public const string DisplayNameClaim = "registry:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? string.Empty : user.DisplayName));
        if (user.UnitId is { } unitId)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync();
            identity.AddClaim(new Claim(UnitIdClaim, unitId.ToString(CultureInfo.InvariantCulture)));

            // A unit that vanished leaves the user with a scope that matches nothing, never everything.
            identity.AddClaim(new Claim(UnitPathClaim, path ?? "/__missing__/"));
        }

        return identity;
    }
}
