using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.Cli.Commands;

internal sealed class MigrateCommand : ICommand
{
    public string Name => "migrate";

    public string Usage => "migrate";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly([], []);
        // Through the services, so that the database is checked (exit 3 when it does not answer) like every command's.
        await using var db = RegistryDbContextOptions.Create(context.Get<RegistryConnection>().ConnectionString);
        IReadOnlyList<string> pending;
        try
        {
            pending = await RegistryMigrations.MigrateAsync(db, cancellationToken);
        }
        catch (PartlyMigratedDatabaseException ex)
        {
            await context.Error.WriteLineAsync(ex.Message);
            return ExitCodes.InvalidInput;
        }

        await context.Output.WriteLineAsync(pending.Count == 0
            ? "The database is up to date."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return ExitCodes.Success;
    }
}
