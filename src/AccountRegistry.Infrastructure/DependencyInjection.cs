using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Registry";

    /// <summary>Registers the EF Core context factory over PostgreSQL. The connection string is ConnectionStrings:Registry.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                "No database configured: set ConnectionStrings__Registry (an Npgsql connection string).");
        return services.AddInfrastructure(connectionString);
    }

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, string connectionString)
    {
        connectionString = SessionSettings.Apply(connectionString);
        services.AddSingleton(new RegistryConnection(connectionString));
        services.AddDbContextFactory<RegistryDbContext>(options => RegistryDbContextOptions.Configure(options, connectionString));
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}

/// <summary>The raw connection string, for the bulk paths (COPY) that bypass EF Core.</summary>
public sealed record RegistryConnection(string ConnectionString);
