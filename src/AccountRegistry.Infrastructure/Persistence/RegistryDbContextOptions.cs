using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Infrastructure.Persistence;

public static class RegistryDbContextOptions
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(connectionString, npgsql =>
        {
            npgsql.MigrationsHistoryTable("__ef_migrations_history");
            npgsql.EnableRetryOnFailure(3);
        });
    }

    public static RegistryDbContext Create(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<RegistryDbContext>();
        Configure(builder, connectionString);
        return new RegistryDbContext(builder.Options);
    }
}
