// Over 300 lines: the run and the JSON it stores with every result (settings, deductions, evidence) are one stored
// format; the writers sit next to the run that fills them so that a change to one is seen with the other.
using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// `registry inspect` and the inspection page's 立即检查: the indicators of spec/inspection.md for every inspected
/// account as of a check point T, stored with the settings used. The rule outcomes the indicators build on
/// (STALE/NEVER_POSTED, REPOST_HEAVY, DUPLICATE_CONTENT, UNATTENDED) come from the rules' own facts statement and
/// evaluator (<see cref="RuleFacts"/>, <see cref="AccountEvaluator"/>), not from a second reading of the posts; the
/// rest from <see cref="InspectionFactsSql"/>. Results stream into storage by COPY, one row per account.
/// </summary>
public static class RunInspection
{
    public sealed record Command(DateOnly AsOf, string TriggeredBy)
    {
        /// <summary>False for the settings page's preview: computed in full, then rolled back, nothing stored.</summary>
        public bool Store { get; init; } = true;

        /// <summary>Preview only: inspect this county's accounts alone.</summary>
        public int? CountyUnitId { get; init; }

        /// <summary>Preview only: settings to use for <see cref="CountyUnitId"/> instead of its stored ones.</summary>
        public InspectionSettings? SettingsOverride { get; init; }
    }

    public sealed record Result(
        long InspectionId,
        DateOnly AsOf,
        int AccountCount,
        int Passed,
        int Failed,
        int Excellent,
        TimeSpan Duration,
        IReadOnlyDictionary<InspectionCode, int> ByCode);

    public sealed class Handler(RegistryConnection database, ClosureDeadlines deadlines, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentException.ThrowIfNullOrWhiteSpace(command.TriggeredBy);
            if (command.Store && (command.CountyUnitId is not null || command.SettingsOverride is not null))
            {
                throw new ArgumentException("A county or a settings override is for previews, which store nothing.", nameof(command));
            }

            var startedAt = clock.GetUtcNow();
            var started = clock.GetTimestamp();

            await using var read = new NpgsqlConnection(database.ConnectionString);
            await read.OpenAsync(cancellationToken);
            await RuleFacts.RefreshAsync(read, cancellationToken);
            await using var snapshot = await read.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await RuleFacts.DisableJitAsync(read, snapshot, cancellationToken);
            var ruleCounties = await CountySettings.LoadAsync(read, cancellationToken);
            var inspectionCounties = await InspectionFactsSql.LoadCountySettingsAsync(read, cancellationToken);
            if (command is { CountyUnitId: { } preview, SettingsOverride: { } proposed })
            {
                inspectionCounties[preview] = proposed;
            }

            var groups = PlanGroups(ruleCounties, inspectionCounties);
            if (command.CountyUnitId is { } only)
            {
                groups = [.. groups.Where(g => g.Scope.AllCounties || g.Scope.CountyIds.Contains(only)).Take(1)
                    .Select(g => g with { Scope = new RuleFacts.Scope(false, [only], false) })];
            }
            var noMerges = new MergeTargets([]);

            await using var write = new NpgsqlConnection(database.ConnectionString);
            await write.OpenAsync(cancellationToken);
            await using var transaction = await write.BeginTransactionAsync(cancellationToken);
            var (settingsJson, countyJson) = DescribeSettings(ruleCounties, inspectionCounties);
            long inspectionId;
            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO inspections (as_of, settings, county_settings, started_at, duration, triggered_by, account_count, passed, failed, excellent)
                VALUES (@as_of, @settings::jsonb, @county::jsonb, @started_at, interval '0', @by, 0, 0, 0, 0) RETURNING id
                """,
                write,
                transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = command.AsOf });
                insert.Parameters.AddWithValue("settings", settingsJson);
                insert.Parameters.Add(new NpgsqlParameter("county", NpgsqlDbType.Text) { Value = (object?)countyJson ?? DBNull.Value });
                insert.Parameters.Add(new NpgsqlParameter("started_at", NpgsqlDbType.TimestampTz) { Value = startedAt.UtcDateTime });
                insert.Parameters.AddWithValue("by", command.TriggeredBy);
                inspectionId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }

            var tally = new Tally();
            var warnings = new List<(int AccountId, InspectionCode Code, string Evidence)>();
            await using (var copy = await write.BeginBinaryImportAsync(
                "COPY inspection_results (inspection_id, account_id, result, score, vetoes, deductions, evidence) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                foreach (var group in groups)
                {
                    var extras = await InspectionFactsSql.ReadExtrasAsync(read, command.AsOf, group.Settings, deadlines.Calendar, group.Scope, cancellationToken);
                    var day = new EvaluationDay(command.AsOf, group.Thresholds.WindowDays);
                    await foreach (var row in RuleFacts.ReadAsync(read, day, group.Scope, cancellationToken))
                    {
                        var facts = row.Facts;
                        var rules = AccountEvaluator.Evaluate(facts, command.AsOf, group.Thresholds, null, noMerges);
                        extras.TryGetValue(facts.AccountId, out var extra);
                        var inputs = new InspectionFacts
                        {
                            NotUpdated = rules.Rules.Contains(RuleCode.Stale) || rules.Rules.Contains(RuleCode.NeverPosted),
                            RepostHeavy = rules.Rules.Contains(RuleCode.RepostHeavy),
                            DuplicateContent = rules.Rules.Contains(RuleCode.DuplicateContent),
                            Unattended = rules.Rules.Contains(RuleCode.Unattended),
                            Interactive = extra?.Interactive ?? true,
                            Filed = extra?.Filed ?? true,
                            SecurityFindings = extra?.SecurityFindings ?? 0,
                            UnansweredMessages = extra?.Unanswered ?? 0,
                            SlowReplies = extra?.SlowReplies ?? 0,
                        };
                        var verdict = InspectionScorer.Score(inputs, group.Settings);
                        tally.Add(verdict);
                        await copy.StartRowAsync(cancellationToken);
                        await copy.WriteAsync(inspectionId, NpgsqlDbType.Bigint, cancellationToken);
                        await copy.WriteAsync(facts.AccountId, NpgsqlDbType.Integer, cancellationToken);
                        await copy.WriteAsync(verdict.Result.ToCode(), NpgsqlDbType.Text, cancellationToken);
                        await copy.WriteAsync(verdict.Score, NpgsqlDbType.Integer, cancellationToken);
                        await copy.WriteAsync(verdict.Vetoes.Select(v => v.ToCode()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                        await copy.WriteAsync(DeductionsJson(verdict), NpgsqlDbType.Jsonb, cancellationToken);
                        await copy.WriteAsync(EvidenceJson(verdict, rules, extra), NpgsqlDbType.Jsonb, cancellationToken);

                        if (facts.LastPostDay is { } last
                            && day.DaysBefore(last) >= group.Settings.WarnDays
                            && day.DaysBefore(last) <= group.Thresholds.StaleDays)
                        {
                            warnings.Add((facts.AccountId, InspectionCode.NearStale, Json(w =>
                            {
                                w.WriteString("last_post_day", last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                                w.WriteNumber("days", day.DaysBefore(last));
                                w.WriteString("veto_on", last.AddDays(group.Thresholds.StaleDays + 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                            })));
                        }
                    }
                }

                // REVIVED does not depend on the settings, and is of every county: a county's preview leaves it out.
                var revivedAccounts = command.CountyUnitId is null
                    ? InspectionFactsSql.ReadRevivedAsync(read, command.AsOf, cancellationToken)
                    : AsyncEnumerable.Empty<InspectionFactsSql.Revived>();
                await foreach (var revived in revivedAccounts)
                {
                    warnings.Add((revived.AccountId, InspectionCode.Revived, Json(w =>
                    {
                        w.WriteString("status_changed_on", revived.StatusChangedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        w.WriteNumber("posts", revived.Posts);
                        WriteStrings(w, "post_ids", revived.PostIds);
                    })));
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (var copy = await write.BeginBinaryImportAsync(
                "COPY inspection_warnings (inspection_id, account_id, code, evidence) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var (accountId, code, evidence) in warnings)
                {
                    tally.ByCode[code]++;
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(inspectionId, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(accountId, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(code.ToCode(), NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(evidence, NpgsqlDbType.Jsonb, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            var duration = clock.GetElapsedTime(started);
            await using (var finish = new NpgsqlCommand(
                "UPDATE inspections SET duration = @duration, account_count = @accounts, passed = @passed, failed = @failed, excellent = @excellent WHERE id = @id",
                write,
                transaction))
            {
                finish.Parameters.AddWithValue("duration", duration);
                finish.Parameters.AddWithValue("accounts", tally.Accounts);
                finish.Parameters.AddWithValue("passed", tally.Passed);
                finish.Parameters.AddWithValue("failed", tally.Failed);
                finish.Parameters.AddWithValue("excellent", tally.Excellent);
                finish.Parameters.AddWithValue("id", inspectionId);
                await finish.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!command.Store)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new Result(0, command.AsOf, tally.Accounts, tally.Passed, tally.Failed, tally.Excellent, duration, tally.ByCode);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation(
                "Inspection {Id} as of {AsOf}: {Accounts} accounts, {Failed} fail, {Passed} pass, {Excellent} excellent in {Duration} ({TriggeredBy})",
                inspectionId, LogFormat.Day(command.AsOf), tally.Accounts, tally.Failed, tally.Passed, tally.Excellent, duration, command.TriggeredBy);
            return new Result(inspectionId, command.AsOf, tally.Accounts, tally.Passed, tally.Failed, tally.Excellent, duration, tally.ByCode);
        }
    }

    private sealed record Group(Thresholds Thresholds, InspectionSettings Settings, RuleFacts.Scope Scope);

    /// <summary>
    /// One pass per distinct (rule thresholds, inspection settings) pair: normally one for the whole database, since
    /// the period and the window are parameters of the statements.
    /// </summary>
    private static List<Group> PlanGroups(List<CountySetting> ruleCounties, Dictionary<int, InspectionSettings> inspectionCounties)
    {
        var keyed = ruleCounties
            .Select(c => (c.UnitId, Key: (c.Thresholds, inspectionCounties.GetValueOrDefault(c.UnitId, InspectionSettings.Defaults))))
            .ToList();
        var noCounty = (Thresholds.Defaults, InspectionSettings.Defaults);
        var keys = keyed.Select(k => k.Key).Append(noCounty).Distinct().ToList();
        if (keys.Count == 1)
        {
            return [new Group(keys[0].Item1, keys[0].Item2, RuleFacts.Scope.Everything)];
        }

        return [.. keys.Select(key => new Group(
            key.Item1,
            key.Item2,
            new RuleFacts.Scope(false, [.. keyed.Where(k => k.Key == key).Select(k => k.UnitId)], key == noCounty)))];
    }

    /// <summary>The settings object of the output: the inspection settings, then the rule thresholds they build on.</summary>
    private static void WriteSettings(Utf8JsonWriter json, InspectionSettings settings, Thresholds thresholds)
    {
        json.WriteStartObject();
        WriteSettingsBody(json, settings, thresholds);
        json.WriteEndObject();
    }

    private static (string Settings, string? ByCounty) DescribeSettings(List<CountySetting> ruleCounties, Dictionary<int, InspectionSettings> inspectionCounties)
    {
        var pairs = ruleCounties
            .Select(c => (c.Code, c.Thresholds, Settings: inspectionCounties.GetValueOrDefault(c.UnitId, InspectionSettings.Defaults)))
            .ToList();
        var distinct = pairs.Select(p => (p.Thresholds, p.Settings)).Distinct().ToList();
        var common = distinct.Count == 1 ? distinct[0] : (Thresholds.Defaults, InspectionSettings.Defaults);
        var settings = Json(w => WriteSettingsBody(w, common.Item2, common.Item1));
        if (distinct.Count <= 1)
        {
            return (settings, null);
        }

        var byCounty = Json(w =>
        {
            foreach (var county in pairs.Where(p => (p.Thresholds, p.Settings) != common))
            {
                w.WritePropertyName(county.Code);
                WriteSettings(w, county.Settings, county.Thresholds);
            }
        });
        return (settings, byCounty);
    }

    /// <summary>The settings object of the output: the inspection settings, then the rule thresholds they build on.</summary>
    private static void WriteSettingsBody(Utf8JsonWriter json, InspectionSettings settings, Thresholds thresholds)
    {
        foreach (var (name, value) in settings.ToNamedValues())
        {
            json.WriteNumber(name, value);
        }

        json.WriteNumber(Thresholds.Names.StaleDays, thresholds.StaleDays);
        json.WriteNumber(Thresholds.Names.NeverPostedDays, thresholds.NeverPostedDays);
        json.WriteNumber(Thresholds.Names.WindowDays, thresholds.WindowDays);
    }

    private static string DeductionsJson(InspectionVerdict verdict)
    {
        if (verdict.Deductions.Count == 0)
        {
            return "[]";
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var deduction in verdict.Deductions)
            {
                json.WriteStartObject();
                json.WriteString("code", deduction.Code.ToCode());
                json.WriteNumber("points", deduction.Points);
                json.WriteNumber("count", deduction.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Per code that fired, what shows it: the latest post's day, the confirmed posts, the messages.</summary>
    private static string EvidenceJson(InspectionVerdict verdict, AccountVerdict rules, InspectionFactsSql.Extra? extra)
    {
        if (verdict.Vetoes.Count == 0 && verdict.Deductions.Count == 0)
        {
            return "{}";
        }

        return Json(w =>
        {
            foreach (var veto in verdict.Vetoes)
            {
                w.WriteStartObject(veto.ToCode());
                switch (veto)
                {
                    case InspectionCode.VetoNotUpdated:
                        var finding = rules.Findings.First(f => f.Rule is RuleCode.Stale or RuleCode.NeverPosted);
                        w.WriteString("rule", finding.Rule.ToCode());
                        if (finding.LastPostDay is { } last)
                        {
                            w.WriteString("last_post_day", last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        }

                        if (finding.OpenedOn is { } opened)
                        {
                            w.WriteString("opened_on", opened.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        }

                        if (finding.Days is { } days)
                        {
                            w.WriteNumber("days", days);
                        }

                        break;
                    case InspectionCode.VetoSecurity:
                        w.WriteNumber("findings", extra!.SecurityFindings);
                        WriteStrings(w, "post_ids", extra.SecurityPosts);
                        break;
                    case InspectionCode.VetoUnanswered:
                        w.WriteNumber("messages", extra!.Unanswered);
                        WriteStrings(w, "message_ids", extra.UnansweredMessages);
                        break;
                    default:
                        break;
                }

                w.WriteEndObject();
            }

            foreach (var deduction in verdict.Deductions)
            {
                w.WriteStartObject(deduction.Code.ToCode());
                w.WriteNumber("points", deduction.Points);
                if (deduction.Code == InspectionCode.DeductSlowReply)
                {
                    w.WriteNumber("messages", extra!.SlowReplies);
                    WriteStrings(w, "message_ids", extra.SlowMessages);
                }
                else if (deduction.Code is InspectionCode.DeductRepostHeavy or InspectionCode.DeductDuplicate)
                {
                    var finding = rules.Findings.First(f => f.Rule == (deduction.Code == InspectionCode.DeductRepostHeavy ? RuleCode.RepostHeavy : RuleCode.DuplicateContent));
                    w.WriteString("rule", finding.Rule.ToCode());
                    if (finding.Posts is { } posts)
                    {
                        w.WriteNumber("posts", posts);
                    }

                    if (finding.Originals is { } originals)
                    {
                        w.WriteNumber("originals", originals);
                    }

                    if (finding.Duplicates is { } duplicates)
                    {
                        w.WriteNumber("duplicates", duplicates);
                    }
                }

                w.WriteEndObject();
            }
        });
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>A JSON object whose properties <paramref name="body"/> writes.</summary>
    internal static string Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Rules.EvidenceJson.WriterOptions))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class Tally
    {
        public int Accounts { get; private set; }

        public int Passed { get; private set; }

        public int Failed { get; private set; }

        public int Excellent { get; private set; }

        public Dictionary<InspectionCode, int> ByCode { get; } = Enum.GetValues<InspectionCode>().ToDictionary(c => c, _ => 0);

        public void Add(InspectionVerdict verdict)
        {
            Accounts++;
            switch (verdict.Result)
            {
                case InspectionResultKind.Fail:
                    Failed++;
                    break;
                case InspectionResultKind.Excellent:
                    Excellent++;
                    break;
                default:
                    Passed++;
                    break;
            }

            foreach (var veto in verdict.Vetoes)
            {
                ByCode[veto]++;
            }

            foreach (var deduction in verdict.Deductions)
            {
                ByCode[deduction.Code]++;
            }
        }
    }
}
