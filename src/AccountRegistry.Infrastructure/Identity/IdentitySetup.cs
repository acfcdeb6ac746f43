using AccountRegistry.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Infrastructure.Identity;

public static class IdentitySetup
{
    /// <summary>The password and lockout policy, the same for the web app and the command line that seeds users.</summary>
    public static void ConfigurePolicy(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = true;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.User.RequireUniqueEmail = false;
        options.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>Identity's user and role stores over the registry database (no sign-in: the web app adds that).</summary>
    public static IdentityBuilder AddRegistryIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<AppUser>(ConfigurePolicy)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RegistryDbContext>();
}
