using AccountRegistry.Application.Common;
using AccountRegistry.Application.Reviews;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Cli.Commands;

/// <summary>
/// `registry export flags --out FILE.xlsx`: the sheet a district sends to the city, one row per flagged account
/// (waiting or decided) with its evidence, recommendation and decision. Optional filters narrow it like the queue's.
/// </summary>
internal sealed class ExportFlagsCommand : ICommand
{
    private static readonly string[] Options = ["--out", "--unit", "--state", "--recommendation", "--rule", "--platform"];

    public string Name => "export flags";

    public string Usage =>
        "export flags --out FILE.xlsx [--unit UNIT_CODE] [--state pending|decided|all] [--recommendation close|merge|none] [--rule RULE_CODE] [--platform PLATFORM]";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly([], Options);
        if (context.Positionals(Options).Count > 0)
        {
            throw new UsageException("export flags takes options only.");
        }

        var path = context.Option("--out") ?? throw new UsageException("--out FILE.xlsx is required.");
        if (!path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException("--out must name an .xlsx file.");
        }

        var filter = new ReviewQueue.Filter { State = ReviewQueue.State.All };
        if (context.Option("--state") is { } state)
        {
            filter = filter with { State = SavedFilters.ParseState(state) ?? throw new UsageException($"--state {state}: expected pending, decided or all.") };
        }

        if (context.Option("--recommendation") is { } recommendation)
        {
            filter = filter with
            {
                Recommendation = Recommendations.TryParse(recommendation, out var r) ? r : throw new UsageException($"--recommendation {recommendation}: expected close, merge or none."),
            };
        }

        if (context.Option("--rule") is { } rule)
        {
            filter = filter with { Rule = RuleCodes.TryParse(rule, out var r) ? r : throw new UsageException($"--rule {rule}: not a rule code of spec/rules.md.") };
        }

        if (context.Option("--platform") is { } platform)
        {
            filter = filter with { Platform = Platforms.TryParse(platform, out var p) ? p : throw new UsageException($"--platform {platform}: not a platform code.") };
        }

        if (context.Option("--unit") is { } unitCode)
        {
            await using var db = await context.Get<IDbContextFactory<RegistryDbContext>>().CreateDbContextAsync(cancellationToken);
            var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => (int?)u.Id).FirstOrDefaultAsync(cancellationToken);
            if (unitId is null)
            {
                await context.Error.WriteLineAsync($"--unit {unitCode}: no unit has this code.");
                return ExitCodes.InvalidInput;
            }

            filter = filter with { UnitId = unitId };
        }

        // Written to a temporary file first, so a failed export never leaves half a sheet under the requested name.
        var full = Path.GetFullPath(path);
        var temporary = full + ".partial";
        int count;
        try
        {
            await using (var file = File.Create(temporary))
            {
                count = await context.Get<FlagsExport.Handler>().WriteXlsxAsync(filter, UserScope.System, file, cancellationToken);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            await context.Error.WriteLineAsync($"Cannot write {full}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        await context.Output.WriteLineAsync($"{count} flagged accounts written to {full}");
        return ExitCodes.Success;
    }
}
