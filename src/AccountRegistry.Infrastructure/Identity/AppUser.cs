using Microsoft.AspNetCore.Identity;

namespace AccountRegistry.Infrastructure.Identity;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>
    /// The unit whose subtree the user works in. Clerks are bound to their township or street; reviewers and leaders
    /// to their district (county) unit. Null only for administrators of the whole registry.
    /// </summary>
    public int? UnitId { get; set; }
}
