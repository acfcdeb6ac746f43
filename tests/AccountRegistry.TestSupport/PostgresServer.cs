using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.TestSupport;

/// <summary>
/// A real PostgreSQL for the tests. Uses ACCOUNTREGISTRY_TEST_DB (a connection string whose user may create
/// databases) when set; otherwise starts a throwaway cluster with initdb/pg_ctl in a temp folder on a free port and
/// removes it at the end. Every test class gets its own database, copied from a migrated template.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? shared;
    private static int databaseCounter;

    private readonly string? clusterDirectory;
    private readonly string? runAsUser;
    private readonly string templateName;

    private PostgresServer(string adminConnectionString, string? clusterDirectory, string? runAsUser)
    {
        AdminConnectionString = adminConnectionString;
        this.clusterDirectory = clusterDirectory;
        this.runAsUser = runAsUser;
        templateName = $"ar_tmpl_{Environment.ProcessId}";
    }

    /// <summary>A connection string to the maintenance database (postgres) of the server.</summary>
    public string AdminConnectionString { get; }

    public string? ClusterDirectory => clusterDirectory;

    public static async Task<PostgresServer> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is null)
            {
                var server = await StartAsync();
                await server.CreateTemplateAsync();
                shared = server;
            }

            return shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A cluster of the caller's own (with its migrated template), for tests that stop and start it or restore into
    /// it; the caller disposes it. Null when ACCOUNTREGISTRY_TEST_DB names an external server, which tests must not stop.
    /// </summary>
    public static async Task<PostgresServer?> StartDedicatedAsync()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ACCOUNTREGISTRY_TEST_DB")))
        {
            return null;
        }

        var server = await StartAsync();
        await server.CreateTemplateAsync();
        return server;
    }

    /// <summary>A fresh, migrated database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? purpose = null)
    {
        var name = $"ar_t{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        _ = purpose;
        // Every test container (AppServices) and world opens its own pool on its database; idle connections are let go
        // within seconds instead of Npgsql's five minutes, or a full run's idle pools exceed the cluster's connections.
        return new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            Pooling = true,
            ConnectionIdleLifetime = 2,
            ConnectionPruningInterval = 1,
        }.ConnectionString;
    }

    /// <summary>An empty database without migrations (for the migration test itself).</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"ar_e{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private async Task CreateTemplateAsync()
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{templateName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{templateName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var templateConnection = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = templateName, Pooling = false }.ConnectionString;
        await using (var db = RegistryDbContextOptions.Create(templateConnection))
        {
            await RegistryMigrations.MigrateAsync(db);
        }

        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("ACCOUNTREGISTRY_TEST_DB");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, null, null);
        }

        SweepStaleClusters();
        var directory = Path.Combine(Path.GetTempPath(), $"ar-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(directory);
        var dataDirectory = Path.Combine(directory, "data");
        var socketDirectory = Path.Combine(directory, "sock");
        Directory.CreateDirectory(socketDirectory);

        // initdb refuses to run as root: hand the folder to the postgres (or nobody) user and run the tools as them.
        string? runAs = null;
        if (Environment.UserName == "root")
        {
            runAs = UserExists("postgres") ? "postgres" : "nobody";
            await RunAsync("chown", ["-R", runAs, directory], null);
        }

        var port = FreePort();
        await RunAsync(Tool("initdb"), ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], runAs);
        await RunAsync(Tool("pg_ctl"),
        [
            "-D", dataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {socketDirectory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500",
            "start",
        ], runAs);

        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        var server = new PostgresServer(connectionString, directory, runAs);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopCluster();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Run(StopCluster);
    }

    /// <summary>
    /// Removes the clusters of test runs whose process is gone. A run that is killed (a timeout, a cancelled CI job,
    /// a machine stopped mid-run) never reaches <see cref="StopCluster"/>, and each cluster left in the temp folder
    /// holds up to 2 GB: fifty of them once filled this machine's disk, and the next run's own cluster failed.
    /// </summary>
    private static void SweepStaleClusters()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), "ar-pg-*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                || pid == Environment.ProcessId || IsAlive(pid))
            {
                continue;
            }

            // Its server may have outlived the process that started it.
            var data = Path.Combine(directory, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    RunAsync(Tool("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], Environment.UserName == "root" ? (UserExists("postgres") ? "postgres" : "nobody") : null)
                        .GetAwaiter().GetResult();
                }
                catch (InvalidOperationException)
                {
                    // Not running after all.
                }
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another run is sweeping it, or it is not ours to remove: leave it.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Stops the cluster (for fault tests); <see cref="StartAgainAsync"/> brings it back on the same port.</summary>
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Tool("pg_ctl"), ["-D", Path.Combine(clusterDirectory!, "data"), "-m", "fast", "-w", "stop"], runAsUser);
    }

    public async Task StartAgainAsync()
    {
        var port = new NpgsqlConnectionStringBuilder(AdminConnectionString).Port;
        await RunAsync(Tool("pg_ctl"),
        [
            "-D", Path.Combine(clusterDirectory!, "data"), "-l", Path.Combine(clusterDirectory!, "server.log"), "-w", "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {Path.Combine(clusterDirectory!, "sock")} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500",
            "start",
        ], runAsUser);
    }

    private void StopCluster()
    {
        if (clusterDirectory is null || !Directory.Exists(clusterDirectory))
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            RunAsync(Tool("pg_ctl"), ["-D", Path.Combine(clusterDirectory, "data"), "-m", "immediate", "-w", "stop"], runAsUser)
                .GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped: nothing to do but remove the folder.
        }

        try
        {
            Directory.Delete(clusterDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Tool(string name)
    {
        foreach (var directory in new[] { "/usr/local/bin", "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin", "/usr/bin" })
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL's {name} was not found. Install the 'postgresql' package (scripts/test does) or set ACCOUNTREGISTRY_TEST_DB.");
    }

    private static bool UserExists(string user) =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, string? runAs)
    {
        var start = new ProcessStartInfo
        {
            FileName = runAs is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (runAs is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAs);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
