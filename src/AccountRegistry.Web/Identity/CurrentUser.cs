using System.Globalization;
using System.Security.Claims;
using AccountRegistry.Application.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace AccountRegistry.Web.Identity;

/// <summary>The signed-in user's <see cref="UserScope"/>, for components and endpoints.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authenticationState)
{
    public async Task<UserScope> GetScopeAsync()
    {
        var state = await authenticationState.GetAuthenticationStateAsync();
        return ScopeOf(state.User);
    }

    public static UserScope ScopeOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return new UserScope("anonymous", new HashSet<string>(), null, "/__nobody__/");
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var unitId = user.FindFirst(RegistryClaimsPrincipalFactory.UnitIdClaim)?.Value is { } id
            ? int.Parse(id, CultureInfo.InvariantCulture)
            : (int?)null;
        var unitPath = user.FindFirst(RegistryClaimsPrincipalFactory.UnitPathClaim)?.Value;
        return new UserScope(user.Identity.Name ?? "unknown", roles, unitId, unitPath);
    }
}
