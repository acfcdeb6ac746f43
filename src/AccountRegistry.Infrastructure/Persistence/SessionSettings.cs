using Npgsql;

namespace AccountRegistry.Infrastructure.Persistence;

/// <summary>
/// Settings every session of the app starts with. They travel in the connection string's startup options, so EF Core,
/// the pooled connections and the bulk paths that open their own sessions from the same string all have them.
/// </summary>
public static class SessionSettings
{
    /// <summary>
    /// The connection string with JIT switched off, unless the operator's own <c>Options</c> already say what JIT does.
    /// </summary>
    /// <remarks>
    /// The app's statements are many cheap index steps whose estimated cost still crosses <c>jit_above_cost</c>:
    /// PostgreSQL then compiles them for longer than they run (the review queue sorted by mean reads: 1.4 s with JIT,
    /// 0.3 s without, on 20,000 accounts; the rules and the dashboard figures had switched it off transaction by
    /// transaction before). None of them is the long analytical query JIT pays off for.
    /// </remarks>
    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = builder.Options ?? string.Empty;
        if (options.Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        builder.Options = string.IsNullOrWhiteSpace(options) ? "-c jit=off" : $"{options} -c jit=off";
        return builder.ConnectionString;
    }
}
