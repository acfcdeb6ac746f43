using AccountRegistry.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AccountRegistry.Web;

/// <summary>/health: healthy only when PostgreSQL answers a query.</summary>
internal sealed class DatabaseHealthCheck(RegistryConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Timeout = 3 };
            await using var db = new NpgsqlConnection(builder.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", db);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // No exception text in the response: it may hold host names or SQL.
            return HealthCheckResult.Unhealthy("The database is unavailable.");
        }
    }
}
