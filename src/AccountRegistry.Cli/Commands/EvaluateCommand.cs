using System.Globalization;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Cli.Commands;

/// <summary>`registry evaluate [--as-of YYYY-MM-DD] [--json]`: runs every rule as of the day, stores the run, optionally prints it (spec/rules.md).</summary>
internal sealed class EvaluateCommand : ICommand
{
    public string Name => "evaluate";

    public string Usage => "evaluate [--as-of YYYY-MM-DD] [--json]";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly(["--json"], ["--as-of"]);
        if (context.Positionals("--as-of").Count > 0)
        {
            throw new UsageException($"evaluate takes no arguments, got '{context.Positionals("--as-of")[0]}'.");
        }

        var asOf = AsOfOption.DayOrToday(context);
        var result = await context.Get<RunEvaluation.Handler>().HandleAsync(
            new RunEvaluation.Command(asOf, Evaluation.CommandLine)
            {
                Lock = RunEvaluation.LockMode.Wait,
                Progress = new Progress<string>(line => context.Error.WriteLine(line)),
            },
            cancellationToken);

        if (context.HasFlag("--json"))
        {
            await context.Get<EvaluationOutput.Handler>().WriteJsonAsync(result.EvaluationId!.Value, context.Output, cancellationToken);
            return ExitCodes.Success;
        }

        var culture = CultureInfo.InvariantCulture;
        await context.Output.WriteLineAsync(string.Create(culture,
            $"Evaluation {result.EvaluationId} as of {asOf:yyyy-MM-dd}: {result.AccountCount:N0} accounts in {result.Duration.TotalSeconds:0.0} s"));
        await context.Output.WriteLineAsync(string.Create(culture,
            $"  close {result.ByRecommendation[Recommendation.Close]:N0}, merge {result.ByRecommendation[Recommendation.Merge]:N0} (no hub: {result.MergesWithoutHub:N0}), none {result.ByRecommendation[Recommendation.None]:N0}"));
        foreach (var (rule, count) in result.ByRule.OrderBy(r => r.Key.ToCode(), StringComparer.Ordinal))
        {
            await context.Output.WriteLineAsync(string.Create(culture, $"  {rule.ToCode(),-20} {count,8:N0}"));
        }

        return ExitCodes.Success;
    }
}
