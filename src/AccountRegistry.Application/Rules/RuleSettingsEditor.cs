using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Rules;

/// <summary>
/// 规则设置: a county's thresholds, edited by an Admin with validation; every change goes to the audit history in the
/// same transaction; a preview counts what each rule would flag under proposed thresholds without storing anything.
/// </summary>
public static class RuleSettingsEditor
{
    public const string AuditAction = "rules.settings_changed";
    public const string AuditEntityType = "rule_settings";

    public sealed record County(int UnitId, string Code, string Name);

    public sealed record Settings(
        int CountyUnitId,
        string CountyName,
        Thresholds Thresholds,
        int DismissalDays,
        bool IsDefault,
        DateTimeOffset? UpdatedAt,
        string? UpdatedBy,
        uint? Version);

    /// <summary><paramref name="ExpectedVersion"/>: the version the editor loaded (null when it showed the defaults).</summary>
    public sealed record SaveCommand(int CountyUnitId, Thresholds Thresholds, int DismissalDays, uint? ExpectedVersion);

    /// <summary>Per rule: accounts it flags under the stored thresholds and under the proposed ones.</summary>
    public sealed record Preview(int Accounts, IReadOnlyList<PreviewLine> Lines);

    public sealed record PreviewLine(RuleCode Rule, int Current, int Proposed);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, ThresholdsPreview.Handler preview, TimeProvider clock)
    {
        public async Task<IReadOnlyList<County>> CountiesAsync(UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Units.AsNoTracking().VisibleTo(scope)
                .Where(u => u.Level == UnitLevel.County)
                .OrderBy(u => u.Code)
                .Select(u => new County(u.Id, u.Code, u.Name))
                .ToListAsync(cancellationToken);
        }

        public async Task<Settings> GetAsync(int countyUnitId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var county = await CountySettingsEdits.FindCountyAsync(db, countyUnitId, scope, cancellationToken);
            var stored = await db.RuleSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UnitId == countyUnitId, cancellationToken);
            return stored is null
                ? new Settings(county.Id, county.Name, Thresholds.Defaults, RuleSettings.DefaultDismissalDays, true, null, null, null)
                : new Settings(county.Id, county.Name, Normalized(stored.ToThresholds()), stored.DismissalDays, false, stored.UpdatedAt, stored.UpdatedBy, stored.Version);
        }

        /// <summary>Saves new thresholds. Admin only; out-of-range values are refused with every problem named.</summary>
        public async Task<Settings> SaveAsync(SaveCommand command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.IsAdmin)
            {
                throw new NotFoundOrForbiddenException("Only an administrator may change the thresholds.");
            }

            var problems = RuleSettings.Validate(command.Thresholds, command.DismissalDays);
            if (problems.Count > 0)
            {
                throw new ThresholdsInvalidException(problems);
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var county = await CountySettingsEdits.FindCountyAsync(db, command.CountyUnitId, scope, cancellationToken);
            var settings = await db.RuleSettings.FirstOrDefaultAsync(s => s.UnitId == county.Id, cancellationToken);
            var before = settings is null ? Thresholds.Defaults : Normalized(settings.ToThresholds());
            var beforeDismissal = settings?.DismissalDays ?? RuleSettings.DefaultDismissalDays;
            if (settings is null)
            {
                if (command.ExpectedVersion is not null)
                {
                    throw new DbUpdateConcurrencyException("The settings were removed since they were loaded.");
                }

                settings = new RuleSettings { UnitId = county.Id };
                db.RuleSettings.Add(settings);
            }
            else
            {
                // Someone saved since this editor loaded: refuse rather than overwrite their change.
                db.Entry(settings).Property(s => s.Version).OriginalValue = command.ExpectedVersion ?? 0;
            }

            var now = clock.GetUtcNow();
            settings.Change(command.Thresholds, command.DismissalDays, scope.UserName, now);
            AuditLog.Append(
                db,
                now,
                scope.UserName,
                AuditAction,
                AuditEntityType,
                county.Id.ToString(CultureInfo.InvariantCulture),
                county.Id,
                CountySettingsEdits.ChangeSummary(Values(before, beforeDismissal), Values(command.Thresholds, command.DismissalDays)),
                new
                {
                    before = Values(before, beforeDismissal),
                    after = Values(command.Thresholds, command.DismissalDays),
                });
            await db.SaveChangesAsync(cancellationToken);
            return await GetAsync(county.Id, scope, cancellationToken);
        }

        public async Task<IReadOnlyList<CountySettingsEdits.HistoryEntry>> HistoryAsync(int countyUnitId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var county = await CountySettingsEdits.FindCountyAsync(db, countyUnitId, scope, cancellationToken);
            return await CountySettingsEdits.HistoryAsync(db, AuditEntityType, county.Id, cancellationToken);
        }

        /// <summary>
        /// Runs the county's evaluation twice without storing it, under the stored and the proposed thresholds, as of
        /// today (Shanghai), and counts per rule.
        /// </summary>
        public async Task<Preview> PreviewAsync(int countyUnitId, Thresholds proposed, UserScope scope, CancellationToken cancellationToken = default)
        {
            ThresholdsPreview.EnsureValid(proposed);
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await CountySettingsEdits.FindCountyAsync(db, countyUnitId, scope, cancellationToken);
            }

            var runs = await preview.HandleAsync(countyUnitId, proposed, scope.UserName, cancellationToken);
            var lines = Enum.GetValues<RuleCode>()
                .OrderBy(r => r.ToCode(), StringComparer.Ordinal)
                .Select(r => new PreviewLine(r, runs.Current.ByRule[r], runs.Proposed.ByRule[r]))
                .ToList();
            return new Preview(runs.Proposed.AccountCount, lines);
        }

        private static Thresholds Normalized(Thresholds thresholds) => thresholds with
        {
            DuplicateContentShare = ThresholdsJson.Normalize(thresholds.DuplicateContentShare),
            RepostHeavyOriginalShare = ThresholdsJson.Normalize(thresholds.RepostHeavyOriginalShare),
        };

        private static Dictionary<string, decimal> Values(Thresholds thresholds, int dismissalDays)
        {
            var values = thresholds.ToNamedValues().ToDictionary(v => v.Key, v => ThresholdsJson.Normalize(v.Value), StringComparer.Ordinal);
            values[RuleSettings.DismissalDaysName] = dismissalDays;
            return values;
        }
    }
}

/// <summary>Thresholds out of range; <see cref="Problems"/> names each value and its allowed range.</summary>
public sealed class ThresholdsInvalidException : Exception
{
    public ThresholdsInvalidException(IReadOnlyList<ThresholdProblem> problems)
        : base("Invalid thresholds: " + string.Join("; ", (problems ?? []).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} = {p.Value} (allowed {p.Min}–{p.Max})"))))
    {
        Problems = problems ?? [];
    }

    public ThresholdsInvalidException()
        : this([])
    {
    }

    public ThresholdsInvalidException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ThresholdsInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<ThresholdProblem> Problems { get; }
}
