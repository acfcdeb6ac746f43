using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Rules;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// One county evaluated as of today twice, under its stored thresholds and under proposed ones, storing nothing: the
/// what-if page counts the runs by level and recommendation, the rule settings page by rule. The callers check first
/// that the user may see the county.
/// </summary>
public static class ThresholdsPreview
{
    public sealed record Runs(DateOnly AsOf, RunEvaluation.Result Current, RunEvaluation.Result Proposed);

    /// <summary>Refuses out-of-range thresholds with every problem named, before anything is read.</summary>
    public static void EnsureValid(Thresholds proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var problems = proposed.Validate();
        if (problems.Count > 0)
        {
            throw new ThresholdsInvalidException(problems);
        }
    }

    public sealed class Handler(RunEvaluation.Handler evaluation, TimeProvider clock)
    {
        public async Task<Runs> HandleAsync(int countyUnitId, Thresholds proposed, string userName, CancellationToken cancellationToken = default)
        {
            EnsureValid(proposed);
            var today = ShanghaiCalendar.Today(clock);
            var current = await evaluation.HandleAsync(
                new RunEvaluation.Command(today, userName) { Store = false, CountyUnitId = countyUnitId }, cancellationToken);
            var withProposed = await evaluation.HandleAsync(
                new RunEvaluation.Command(today, userName) { Store = false, CountyUnitId = countyUnitId, ThresholdsOverride = proposed }, cancellationToken);
            return new Runs(today, current, withProposed);
        }
    }
}
