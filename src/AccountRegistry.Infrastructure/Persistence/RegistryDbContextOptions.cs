using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Infrastructure.Persistence;

public static class RegistryDbContextOptions
{
    /// <summary>EF Core's migration history, snake_case like every other table.</summary>
    public const string HistoryTable = "__ef_migrations_history";

    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        // No retrying execution strategy: imports, decisions and workflow steps run in explicit transactions, which
        // it forbids; a failed request is shown to the user and retried by them instead.
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable));
    }

    public static RegistryDbContext Create(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<RegistryDbContext>();
        Configure(builder, connectionString);
        return new RegistryDbContext(builder.Options);
    }
}
