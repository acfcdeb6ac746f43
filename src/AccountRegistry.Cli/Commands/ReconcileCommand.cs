using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Filings;

namespace AccountRegistry.Cli.Commands;

/// <summary>
/// `registry reconcile FILE [--json]`: the filing register against the provincial export (filings.csv or .xlsx of
/// spec/inspection.md). Changes nothing. Exit 0 whatever the lists hold; 1 with every invalid row on stderr.
/// </summary>
internal sealed class ReconcileCommand : ICommand
{
    public string Name => "reconcile";

    public string Usage => "reconcile FILE [--json]";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly(["--json"], []);
        var positionals = context.Positionals();
        if (positionals.Count != 1)
        {
            throw new UsageException("reconcile takes one file (filings.csv or .xlsx).");
        }

        var path = positionals[0];
        if (!File.Exists(path))
        {
            await context.Error.WriteLineAsync($"The file {path} does not exist.");
            return ExitCodes.InvalidInput;
        }

        var result = await context.Get<ReconcileFilings.Handler>().HandleAsync(
            new ReconcileFilings.Command(path, Path.GetFileName(path)), UserScope.System with { UserName = "cli" }, cancellationToken);
        if (!result.Valid)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.File}: {result.Errors.Count + result.OmittedErrors:N0} error(s); nothing was compared."));
            foreach (var error in result.Errors)
            {
                await context.Error.WriteLineAsync(error.ToString());
            }

            if (result.OmittedErrors > 0)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.File}: … and {result.OmittedErrors:N0} more errors not listed."));
            }

            return ExitCodes.InvalidInput;
        }

        if (context.HasFlag("--json"))
        {
            await ReconcileOutput.WriteJsonAsync(result, context.Output, cancellationToken);
        }
        else
        {
            await ReconcileOutput.WriteTextAsync(result, context.Output);
        }

        return ExitCodes.Success;
    }
}
