using System.Data;
using System.Text.Json;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// 立即评估 / `registry evaluate` / the nightly run / the thresholds preview: every rule for every evaluated account
/// as of a day. Facts stream from one SQL statement, one row per account, ordered by unit and platform so that
/// DUPLICATE_PLATFORM sees an account's siblings together; verdicts stream into storage. Memory holds one
/// unit-and-platform group at a time, plus the county settings and the hubs.
/// Over 300 lines: the run's one transaction (lock, refresh, facts, verdicts, writer) is kept in one method on purpose,
/// so that what happens inside it, and in which order, is read in one place.
/// </summary>
public static class RunEvaluation
{
    public enum LockMode
    {
        /// <summary>Queue behind a running evaluation (command line, 立即评估).</summary>
        Wait,

        /// <summary>Give up at once when another evaluation runs (the nightly job on every app instance).</summary>
        SkipIfBusy,
    }

    public enum Outcome
    {
        Evaluated,
        Previewed,
        SkippedBusy,
        SkippedAlreadyDone,
    }

    public sealed record Command(DateOnly AsOf, string TriggeredBy)
    {
        /// <summary>False for a preview: nothing is written, no lock is taken.</summary>
        public bool Store { get; init; } = true;

        public LockMode Lock { get; init; } = LockMode.Wait;

        /// <summary>Skip when this trigger already stored an evaluation for this day (the nightly run on several instances).</summary>
        public bool OncePerDay { get; init; }

        /// <summary>Preview only: evaluate this county's accounts alone.</summary>
        public int? CountyUnitId { get; init; }

        /// <summary>Preview only: thresholds to use instead of the stored ones (of <see cref="CountyUnitId"/>, or of every county).</summary>
        public Thresholds? ThresholdsOverride { get; init; }

        /// <summary>Where a stored run reports that it fingerprints queued posts first (the command line's standard error).</summary>
        public IProgress<string>? Progress { get; init; }
    }

    public sealed record Result(
        Outcome Outcome,
        long? EvaluationId,
        DateOnly AsOf,
        int AccountCount,
        TimeSpan Duration,
        IReadOnlyDictionary<RuleCode, int> ByRule,
        IReadOnlyDictionary<Recommendation, int> ByRecommendation,
        int MergesWithoutHub)
    {
        /// <summary>Recommendations per unit level of the evaluated accounts (the review what-if compares these).</summary>
        public IReadOnlyDictionary<UnitLevel, IReadOnlyDictionary<Recommendation, int>> ByLevel { get; init; } =
            new Dictionary<UnitLevel, IReadOnlyDictionary<Recommendation, int>>();
    }

    public sealed class Handler(RegistryConnection database, Duplicates.NearDuplicateDetector detector, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentException.ThrowIfNullOrWhiteSpace(command.TriggeredBy);
            if (command.Store && (command.CountyUnitId is not null || command.ThresholdsOverride is not null))
            {
                throw new ArgumentException("A stored evaluation covers every county with its stored thresholds; county and override are for previews.", nameof(command));
            }

            if (command.ThresholdsOverride is { } proposed && proposed.Validate().Count > 0)
            {
                throw new ArgumentException("The proposed thresholds are out of range.", nameof(command));
            }

            if (command.Store)
            {
                // DUPLICATE_CONTENT reads the stored pairs: posts still queued (an import with --no-wait, seed-demo, a
                // collector batch the worker has not reached) would count as originals. Every stored run, whoever starts
                // it (立即评估, the command line, the nightly job, the demo), fingerprints them first; previews do not.
                await detector.CatchUpAsync(command.Progress, cancellationToken);
            }

            var startedAt = clock.GetUtcNow();
            var started = clock.GetTimestamp();
            SessionAdvisoryLock? held = null;
            if (command.Store)
            {
                held = command.Lock == LockMode.Wait
                    ? await SessionAdvisoryLock.AcquireAsync(database.ConnectionString, SessionAdvisoryLock.EvaluationKey, cancellationToken)
                    : await SessionAdvisoryLock.TryAcquireAsync(database.ConnectionString, SessionAdvisoryLock.EvaluationKey, cancellationToken);
                if (held is null)
                {
                    logger.LogInformation("Evaluation as of {AsOf} skipped: another evaluation is running", LogFormat.Day(command.AsOf));
                    return Empty(Outcome.SkippedBusy, command.AsOf);
                }
            }

            try
            {
                return await EvaluateAsync(command, startedAt, () => clock.GetElapsedTime(started), cancellationToken);
            }
            finally
            {
                if (held is not null)
                {
                    await held.DisposeAsync();
                }
            }
        }

        private async Task<Result> EvaluateAsync(Command command, DateTimeOffset startedAt, Func<TimeSpan> elapsed, CancellationToken cancellationToken)
        {
            await using var read = new NpgsqlConnection(database.ConnectionString);
            await read.OpenAsync(cancellationToken);
            var refreshed = await RuleFacts.RefreshAsync(read, cancellationToken);
            if (refreshed > 0)
            {
                logger.LogInformation("Recomputed {Days} account days of the rules rollup", refreshed);
            }

            // One snapshot for settings, hubs and facts: a run sees the data as of one moment.
            await using var snapshot = await read.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await RuleFacts.DisableJitAsync(read, snapshot, cancellationToken);
            var counties = await CountySettings.LoadAsync(read, cancellationToken);
            if (command.ThresholdsOverride is { } overridden)
            {
                counties = counties
                    .Select(c => command.CountyUnitId is null || c.UnitId == command.CountyUnitId ? c with { Thresholds = overridden } : c)
                    .ToList();
            }

            var noCounty = new CountySetting(0, string.Empty, command.CountyUnitId is null && command.ThresholdsOverride is { } all ? all : Thresholds.Defaults, RuleSettings.DefaultDismissalDays);
            var byCounty = counties.ToDictionary(c => c.UnitId);
            var mergeTargets = new MergeTargets(await RuleFacts.HubsAsync(read, command.AsOf, cancellationToken));

            EvaluationWriter? writer = null;
            if (command.Store)
            {
                var (thresholdsJson, countyJson) = DescribeThresholds(counties);
                writer = await EvaluationWriter.BeginAsync(
                    database.ConnectionString, command.AsOf, command.TriggeredBy, command.OncePerDay, thresholdsJson, countyJson, startedAt, cancellationToken);
                if (writer is null)
                {
                    logger.LogInformation("Evaluation as of {AsOf} by {TriggeredBy} skipped: already done", LogFormat.Day(command.AsOf), command.TriggeredBy);
                    return Empty(Outcome.SkippedAlreadyDone, command.AsOf);
                }
            }

            await using (writer)
            {
                var tally = new Tally();
                foreach (var (windowDays, scope) in PlanQueries(counties, command.CountyUnitId, noCounty.Thresholds.WindowDays))
                {
                    var day = new EvaluationDay(command.AsOf, windowDays);
                    var group = new List<RuleFacts.Row>();
                    await foreach (var row in RuleFacts.ReadAsync(read, day, scope, cancellationToken))
                    {
                        if (group.Count > 0 && (group[0].Facts.UnitId != row.Facts.UnitId || group[0].Facts.Platform != row.Facts.Platform))
                        {
                            await EvaluateGroupAsync(group, command.AsOf, byCounty, noCounty, mergeTargets, writer, tally, cancellationToken);
                            group.Clear();
                        }

                        group.Add(row);
                    }

                    if (group.Count > 0)
                    {
                        await EvaluateGroupAsync(group, command.AsOf, byCounty, noCounty, mergeTargets, writer, tally, cancellationToken);
                    }
                }

                if (writer is not null)
                {
                    var streamed = elapsed();
                    await writer.CompleteAsync(tally.Accounts, elapsed, cancellationToken);
                    logger.LogInformation(
                        "Evaluation {Id}: facts, rules and staging took {Streamed}; then {Statements}",
                        writer.EvaluationId,
                        streamed,
                        string.Join("; ", writer.Timings.Select(t => $"{t.Statement} {t.Took.TotalMilliseconds:0} ms")));
                }

                var duration = elapsed();
                logger.LogInformation(
                    "Evaluated {Accounts} accounts as of {AsOf} in {Duration} ({TriggeredBy}, stored {Stored})",
                    tally.Accounts, LogFormat.Day(command.AsOf), duration, command.TriggeredBy, command.Store);
                return new Result(
                    command.Store ? Outcome.Evaluated : Outcome.Previewed,
                    writer?.EvaluationId,
                    command.AsOf,
                    tally.Accounts,
                    duration,
                    tally.ByRule,
                    tally.ByRecommendation,
                    tally.MergesWithoutHub)
                {
                    ByLevel = tally.ByLevel.ToDictionary(l => l.Key, l => (IReadOnlyDictionary<Recommendation, int>)l.Value),
                };
            }
        }

        private static async Task EvaluateGroupAsync(
            List<RuleFacts.Row> group,
            DateOnly asOf,
            Dictionary<int, CountySetting> byCounty,
            CountySetting noCounty,
            MergeTargets mergeTargets,
            EvaluationWriter? writer,
            Tally tally,
            CancellationToken cancellationToken)
        {
            // Siblings share a unit, hence a county, hence thresholds.
            var county = group[0].Facts.CountyUnitId is { } id && byCounty.TryGetValue(id, out var found) ? found : noCounty;
            var verdicts = AccountEvaluator.EvaluateSiblings(group.Select(r => r.Facts).ToList(), asOf, county.Thresholds, mergeTargets);
            for (var i = 0; i < verdicts.Count; i++)
            {
                tally.Add(verdicts[i]);
                if (writer is not null)
                {
                    await writer.AddAsync(verdicts[i], cancellationToken);
                }
            }
        }

        /// <summary>
        /// One facts query per distinct window length (normally one for the whole database). A county whose window
        /// differs from the rest gets its own query, since W's bounds are parameters of the statement.
        /// </summary>
        private static IEnumerable<(int WindowDays, RuleFacts.Scope Scope)> PlanQueries(
            List<CountySetting> counties, int? onlyCounty, int noCountyWindow)
        {
            if (onlyCounty is { } single)
            {
                var setting = counties.FirstOrDefault(c => c.UnitId == single)
                    ?? throw new ArgumentException($"Unit {single} is not a county.", nameof(onlyCounty));
                yield return (setting.Thresholds.WindowDays, new RuleFacts.Scope(false, [single], false));
                yield break;
            }

            var windows = counties.Select(c => c.Thresholds.WindowDays).Append(noCountyWindow).Distinct().ToList();
            if (windows.Count == 1)
            {
                yield return (windows[0], RuleFacts.Scope.Everything);
                yield break;
            }

            foreach (var window in windows.Order())
            {
                var ids = counties.Where(c => c.Thresholds.WindowDays == window).Select(c => c.UnitId).ToArray();
                yield return (window, new RuleFacts.Scope(false, ids, window == noCountyWindow));
            }
        }

        /// <summary>
        /// The thresholds the run used. Normally every county uses the same (the spec's defaults, or one county's
        /// settings): that object. When counties differ, the defaults plus, per county code, the ones that differ.
        /// </summary>
        private static (string Thresholds, string? ByCounty) DescribeThresholds(List<CountySetting> counties)
        {
            var distinct = counties.Select(c => c.Thresholds).Distinct().ToList();
            if (distinct.Count <= 1)
            {
                return (ThresholdsJson.Write(distinct.SingleOrDefault() ?? Thresholds.Defaults), null);
            }

            var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
            using (var json = new Utf8JsonWriter(buffer, EvidenceJson.WriterOptions))
            {
                json.WriteStartObject();
                foreach (var county in counties.Where(c => c.Thresholds != Thresholds.Defaults))
                {
                    json.WritePropertyName(county.Code);
                    ThresholdsJson.WriteObject(json, county.Thresholds);
                }

                json.WriteEndObject();
            }

            return (ThresholdsJson.Write(Thresholds.Defaults), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        private static Result Empty(Outcome outcome, DateOnly asOf) =>
            new(outcome, null, asOf, 0, TimeSpan.Zero, new Dictionary<RuleCode, int>(), new Dictionary<Recommendation, int>(), 0);
    }

    private sealed class Tally
    {
        public int Accounts { get; private set; }

        public int MergesWithoutHub { get; private set; }

        public Dictionary<RuleCode, int> ByRule { get; } = Enum.GetValues<RuleCode>().ToDictionary(r => r, _ => 0);

        public Dictionary<Recommendation, int> ByRecommendation { get; } = Enum.GetValues<Recommendation>().ToDictionary(r => r, _ => 0);

        public Dictionary<UnitLevel, Dictionary<Recommendation, int>> ByLevel { get; } =
            Enum.GetValues<UnitLevel>().ToDictionary(l => l, _ => Enum.GetValues<Recommendation>().ToDictionary(r => r, _ => 0));

        public void Add(AccountVerdict verdict)
        {
            Accounts++;
            ByRecommendation[verdict.Recommendation]++;
            ByLevel[verdict.Account.UnitLevel][verdict.Recommendation]++;
            foreach (var rule in verdict.Rules)
            {
                ByRule[rule]++;
            }

            if (verdict.IsMergeWithoutHub)
            {
                MergesWithoutHub++;
            }
        }
    }
}
