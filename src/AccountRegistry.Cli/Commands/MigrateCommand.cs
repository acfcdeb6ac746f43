using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Cli.Commands;

internal sealed class MigrateCommand : ICommand
{
    public string Name => "migrate";

    public string Usage => "migrate";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly([], []);
        await using var db = RegistryDbContextOptions.Create(context.ConnectionString);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        await context.Output.WriteLineAsync(pending.Count == 0
            ? "The database is up to date."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return ExitCodes.Success;
    }
}
