using System.Globalization;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Inspections;

namespace AccountRegistry.Cli.Commands;

/// <summary>`registry inspect --as-of YYYY-MM-DD [--json]`: the indicators of spec/inspection.md as of the day, stored, optionally printed.</summary>
internal sealed class InspectCommand : ICommand
{
    public string Name => "inspect";

    public string Usage => "inspect [--as-of YYYY-MM-DD] [--json]";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly(["--json"], ["--as-of"]);
        if (context.Positionals("--as-of").Count > 0)
        {
            throw new UsageException($"inspect takes no arguments, got '{context.Positionals("--as-of")[0]}'.");
        }

        var asOf = AsOfOption.DayOrToday(context);
        var result = await context.Get<RunInspection.Handler>().HandleAsync(new RunInspection.Command(asOf, Inspection.CommandLine), cancellationToken);
        if (context.HasFlag("--json"))
        {
            await context.Get<InspectionOutput.Handler>().WriteJsonAsync(result.InspectionId, context.Output, cancellationToken);
            return ExitCodes.Success;
        }

        var culture = CultureInfo.InvariantCulture;
        await context.Output.WriteLineAsync(string.Create(culture,
            $"Inspection {result.InspectionId} as of {asOf:yyyy-MM-dd}: {result.AccountCount:N0} accounts in {result.Duration.TotalSeconds:0.0} s"));
        await context.Output.WriteLineAsync(string.Create(culture,
            $"  fail {result.Failed:N0}, pass {result.Passed:N0}, excellent {result.Excellent:N0}"));
        foreach (var (code, count) in result.ByCode.OrderBy(c => c.Key.ToCode(), StringComparer.Ordinal))
        {
            await context.Output.WriteLineAsync(string.Create(culture, $"  {code.ToCode(),-20} {count,8:N0}"));
        }

        return ExitCodes.Success;
    }
}
