using AccountRegistry.Application;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Cli;

/// <summary>What a command gets: its own arguments, the output streams and the application's services.</summary>
/// <param name="needsDatabase">
/// The command works on the registry: the database is required and probed when the command first asks for a service,
/// that is after it has checked its arguments, so that a usage error is reported as one (exit 2) whatever the state
/// of the database.
/// </param>
/// <param name="configuration">
/// Settings for the application's options; by default the environment variables, as the web app reads them
/// (<c>Closures__DaysOff__0=2027-02-06</c> adds a day off to the reply deadlines `inspect` counts).
/// </param>
public sealed class CommandContext(
    IReadOnlyList<string> arguments, string connectionString, TextWriter output, TextWriter error, bool needsDatabase = false, IConfiguration? configuration = null)
    : IAsyncDisposable
{
    private ServiceProvider? services;

    public IReadOnlyList<string> Arguments { get; } = arguments;

    public string ConnectionString { get; } = connectionString;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public IServiceProvider Services => services ??= BuildServices();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public bool HasFlag(string name) => Arguments.Contains(name, StringComparer.Ordinal);

    /// <summary>The value after an option (<c>--out FILE</c>), or null when absent.</summary>
    public string? Option(string name)
    {
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (Arguments[i] == name)
            {
                return i + 1 < Arguments.Count ? Arguments[i + 1] : throw new UsageException($"{name} needs a value.");
            }
        }

        return null;
    }

    /// <summary>Arguments that are neither options nor option values.</summary>
    public IReadOnlyList<string> Positionals(params string[] optionsWithValues)
    {
        var result = new List<string>();
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (optionsWithValues.Contains(Arguments[i]))
            {
                i++;
            }
            else if (!Arguments[i].StartsWith("--", StringComparison.Ordinal))
            {
                result.Add(Arguments[i]);
            }
        }

        return result;
    }

    /// <summary>Refuses options the command does not know, so a typo is a usage error, not a silent default.</summary>
    public void AllowOnly(string[] flags, string[] optionsWithValues)
    {
        for (var i = 0; i < Arguments.Count; i++)
        {
            var argument = Arguments[i];
            if (optionsWithValues.Contains(argument))
            {
                i++;
            }
            else if (argument.StartsWith("--", StringComparison.Ordinal) && !flags.Contains(argument))
            {
                throw new UsageException($"Unknown option {argument}.");
            }
        }
    }

    private ServiceProvider BuildServices()
    {
        if (needsDatabase)
        {
            if (string.IsNullOrWhiteSpace(ConnectionString))
            {
                throw new UsageException("No database given: pass --connection \"<Npgsql connection string>\" or set ConnectionStrings__Registry.");
            }

            // Synchronous: Services is a property, and a console app has no synchronisation context to deadlock on.
            if (DatabaseProbe.FailureAsync(ConnectionString, CancellationToken.None).GetAwaiter().GetResult() is { } reason)
            {
                throw new DatabaseUnreachableException(reason);
            }
        }

        var collection = new ServiceCollection();
        collection.AddLogging();

        // Options bound to configuration (closure deadlines and holidays, dashboard) read the environment, as the web app
        // does: a year's holidays added by an operator count for `inspect` and `evaluate` too.
        collection.AddSingleton(configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().Build());
        collection.AddInfrastructure(ConnectionString);
        collection.AddApplication();
        collection.AddRegistryIdentityCore();
        return collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }
}

public sealed class UsageException(string message) : Exception(message)
{
    public UsageException()
        : this("Usage error.")
    {
    }

    public UsageException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}

/// <summary>The command's database does not answer (exit 3); the message says why, in words.</summary>
public sealed class DatabaseUnreachableException(string message) : Exception(message)
{
    public DatabaseUnreachableException()
        : this("The database is unreachable.")
    {
    }

    public DatabaseUnreachableException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}
