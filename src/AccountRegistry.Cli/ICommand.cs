namespace AccountRegistry.Cli;

public interface ICommand
{
    /// <summary>The command's words, e.g. "migrate" or "export flags".</summary>
    string Name { get; }

    string Usage { get; }

    /// <summary>Whether the command needs the database (checked before it runs, for exit code 3).</summary>
    bool NeedsDatabase => true;

    Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken);
}
