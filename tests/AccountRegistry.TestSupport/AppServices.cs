using AccountRegistry.Application;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountRegistry.TestSupport;

/// <summary>
/// The app's real service container below the web layer: the same AddInfrastructure, AddRegistryIdentityCore and
/// AddApplication calls as the web host and the `registry` command, over a test's database, with the test's clock
/// and settings. Tests take their handlers from here rather than building them by hand, so a handler or hosted
/// service that the app does not register cannot pass a test either.
/// </summary>
public static class AppServices
{
    public static ServiceProvider Build(
        string connectionString,
        TimeProvider clock,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? adjust = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
        {
            [$"ConnectionStrings:{Infrastructure.DependencyInjection.ConnectionStringName}"] = connectionString,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructure(configuration);
        services.AddRegistryIdentityCore();
        services.AddApplication();
        services.AddSingleton(clock);
        adjust?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
