using System.Text.Json;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.TestSupport.Reviews;

/// <summary>
/// Puts evaluations, results and flags in a test database the way a flag-moving evaluation leaves them, without
/// running the rules: review tests choose exactly which accounts are flagged, for what, with which recommendation.
/// </summary>
public sealed class FlagBuilder(Func<RegistryDbContext> contexts)
{
    public FlagBuilder(DatabaseFixture fixture)
        : this(fixture is null ? throw new ArgumentNullException(nameof(fixture)) : fixture.CreateContext)
    {
    }

    public async Task<Evaluation> EvaluationAsync(DateOnly asOf, DateTimeOffset startedAt)
    {
        await using var db = contexts();
        var evaluation = new Evaluation
        {
            AsOf = asOf,
            Thresholds = "{}",
            StartedAt = startedAt,
            Duration = TimeSpan.FromSeconds(1),
            TriggeredBy = Evaluation.Nightly,
            UpdatedFlags = true,
        };
        db.Evaluations.Add(evaluation);
        await db.SaveChangesAsync();
        return evaluation;
    }

    /// <summary>
    /// The account's result in the evaluation, and one open flag per finding (opened at <paramref name="openedAt"/>,
    /// or the evaluation's start); a flag that already exists fires again instead.
    /// </summary>
    public async Task<IReadOnlyList<Flag>> FlagAsync(
        Evaluation evaluation,
        Account account,
        Recommendation recommendation,
        Account? mergeTarget,
        DateTimeOffset? openedAt,
        params (RuleCode Rule, string Text)[] findings)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(findings);
        await using var db = contexts();
        var sorted = findings.OrderBy(f => f.Rule, RuleCodes.ByCode).ToList();
        db.EvaluationResults.Add(new EvaluationResult
        {
            EvaluationId = evaluation.Id,
            AccountId = account.Id,
            Recommendation = recommendation,
            Rules = sorted.Select(f => f.Rule).ToList(),
            MergeTargetAccountId = mergeTarget?.Id,
            Evidence = "[" + string.Join(",", sorted.Select(f => Evidence(f.Rule, f.Text))) + "]",
        });

        var flags = new List<Flag>();
        foreach (var (rule, text) in sorted)
        {
            var existing = await db.Flags.FirstOrDefaultAsync(f => f.AccountId == account.Id && f.Rule == rule);
            if (existing is null)
            {
                existing = Flag.Open(account.Id, rule, evaluation.Id, evaluation.AsOf, Evidence(rule, text), null, openedAt ?? evaluation.StartedAt);
                db.Flags.Add(existing);
            }
            else
            {
                existing.Fire(evaluation.Id, evaluation.AsOf, Evidence(rule, text), null, RuleSettings.DefaultDismissalDays, openedAt ?? evaluation.StartedAt);
            }

            flags.Add(existing);
        }

        await db.SaveChangesAsync();
        return flags;
    }

    /// <summary>The stored evidence shape of the rules service: the rule's code and the readable sentence.</summary>
    public static string Evidence(RuleCode rule, string text) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["rule"] = rule.ToCode(), ["text"] = text });
}
