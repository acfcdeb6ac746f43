using System.Globalization;
using AccountRegistry.Application.Imports.Generation;

namespace AccountRegistry.Cli.Commands;

/// <summary>`registry generate --accounts N --out DIR [--seed S]`: a synthetic data set of the import format.</summary>
internal sealed class GenerateCommand : ICommand
{
    public string Name => "generate";

    public string Usage => "generate --accounts N --out DIR [--seed S] [--posts-per-account P] [--snapshots-per-post R]";

    public bool NeedsDatabase => false;

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        string[] options = ["--accounts", "--out", "--seed", "--posts-per-account", "--snapshots-per-post"];
        context.AllowOnly([], options);
        if (context.Positionals(options).Count > 0)
        {
            throw new UsageException("generate takes only options.");
        }

        var accounts = Number(context, "--accounts", null, 1);
        var output = context.Option("--out") ?? throw new UsageException("--out DIR is required.");
        var seed = Number(context, "--seed", 1, long.MinValue);
        var posts = Number(context, "--posts-per-account", 100, 0);
        var snapshots = Number(context, "--snapshots-per-post", 3, 1);

        var summary = await Task.Run(
            () => SyntheticDataSet.Write(output, new SyntheticDataSet.Options((int)accounts, seed, (int)posts, (int)snapshots), new Messages(context.Error)),
            cancellationToken);
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {summary.Units:N0} units, {summary.Accounts:N0} accounts, {summary.Posts:N0} posts, {summary.Snapshots:N0} read snapshots to {output}"));
        return ExitCodes.Success;
    }

    private static long Number(CommandContext context, string option, long? fallback, long minimum)
    {
        var text = context.Option(option);
        if (text is null)
        {
            return fallback ?? throw new UsageException($"{option} is required.");
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < minimum || value > int.MaxValue && option != "--seed")
        {
            throw new UsageException($"{option} needs a whole number of at least {minimum}.");
        }

        return value;
    }

    private sealed class Messages(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(value);
    }
}
