using AccountRegistry.Cli.Commands;
using Npgsql;

namespace AccountRegistry.Cli;

/// <summary>The `registry` command: parses the global options, picks the command and maps failures to exit codes.</summary>
public static class CommandLine
{
    /// <summary>Every command. A new one is added here and nowhere else.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
    [
        new MigrateCommand(),
        new StatsCommand(),
        new FingerprintCommand(),
        new SeedDemoCommand(),
        new ExportFlagsCommand(),
        new ImportCommand(),
        new GenerateCommand(),
        new EvaluateCommand(),
        new InspectCommand(),
        new ReconcileCommand(),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var arguments = args.ToList();
        string? connection = null;
        var connectionIndex = arguments.IndexOf("--connection");
        if (connectionIndex >= 0)
        {
            if (connectionIndex + 1 >= arguments.Count)
            {
                await error.WriteLineAsync("--connection needs an Npgsql connection string.");
                return ExitCodes.Usage;
            }

            connection = arguments[connectionIndex + 1];
            arguments.RemoveRange(connectionIndex, 2);
        }

        if (arguments.Count == 0 || arguments[0] is "-h" or "--help" or "help")
        {
            await PrintUsageAsync(arguments.Count == 0 ? error : output);
            return arguments.Count == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        var command = Commands
            .OrderByDescending(c => c.Name.Split(' ').Length)
            .FirstOrDefault(c => Matches(c.Name, arguments));
        if (command is null)
        {
            await error.WriteLineAsync($"Unknown command '{string.Join(' ', arguments.TakeWhile(a => !a.StartsWith('-')).Take(2))}'.");
            await PrintUsageAsync(error);
            return ExitCodes.Usage;
        }

        var commandArguments = arguments.Skip(command.Name.Split(' ').Length).ToList();
        if (commandArguments.Contains("--help") || commandArguments.Contains("-h"))
        {
            await output.WriteLineAsync($"usage: registry {command.Usage}");
            return ExitCodes.Success;
        }

        connection ??= Environment.GetEnvironmentVariable("ConnectionStrings__Registry");

        // The database is checked when the command first asks for a service, after its own argument checks.
        await using var context = new CommandContext(commandArguments, connection ?? string.Empty, output, error, command.NeedsDatabase);
        try
        {
            return await command.RunAsync(context, cancellationToken);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync(ex.Message);
            await error.WriteLineAsync($"usage: registry {command.Usage}");
            return ExitCodes.Usage;
        }
        catch (DatabaseUnreachableException ex)
        {
            await error.WriteLineAsync($"The database is unreachable: {ex.Message}");
            return ExitCodes.DatabaseUnreachable;
        }
        catch (Exception ex) when (DatabaseProbe.IsConnectionFailure(ex))
        {
            await error.WriteLineAsync($"The database became unreachable: {ex.GetBaseException().Message}");
            return ExitCodes.DatabaseUnreachable;
        }
        catch (Exception ex) when (DatabaseProbe.IsMissingSchema(ex))
        {
            // A database that answers but holds no registry (never migrated) is, for the command, no registry database
            // at all, like one that does not exist (3D000 above): exit 3 with the remedy, not an unhandled exception.
            await error.WriteLineAsync($"The database holds no registry tables ({ex.GetBaseException().Message}): run `registry migrate` first.");
            return ExitCodes.DatabaseUnreachable;
        }
    }

    private static bool Matches(string name, List<string> arguments)
    {
        var words = name.Split(' ');
        return arguments.Count >= words.Length && words.Select((w, i) => arguments[i] == w).All(m => m);
    }

    private static async Task PrintUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("usage: registry [--connection \"<Npgsql connection string>\"] <command> [options]");
        await writer.WriteLineAsync("commands:");
        foreach (var command in Commands)
        {
            await writer.WriteLineAsync($"  {command.Usage}");
        }

        await writer.WriteLineAsync("exit codes: 0 success, 1 invalid input, 2 usage error, 3 database unreachable");
    }
}

internal static class DatabaseProbe
{
    /// <summary>Null when the database answers; otherwise why it does not, in words.</summary>
    public static async Task<string?> FailureAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false };
        }
        catch (ArgumentException ex)
        {
            return $"the connection string is not valid ({ex.Message}).";
        }

        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            return $"{builder.Host}:{builder.Port}/{builder.Database}: {ex.GetBaseException().Message}";
        }
    }

    /// <summary>A table or function of the registry is missing: the database was never migrated (or only partly).</summary>
    public static bool IsMissingSchema(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is PostgresException pg)
            {
                return pg.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedFunction;
            }
        }

        return false;
    }

    public static bool IsConnectionFailure(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || pg.SqlState.StartsWith("28", StringComparison.Ordinal)
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || pg.SqlState == PostgresErrorCodes.InvalidCatalogName:
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException:
                case System.Net.Sockets.SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
