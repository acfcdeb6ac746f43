using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 检查设置: a county's inspection settings (spec/inspection.md's defaults unless changed), as the rule settings are
/// edited (<see cref="Rules.RuleSettingsEditor"/>): Admin only, validated with every problem named, saved with an xmin
/// check so that two administrators cannot overwrite each other, every change in the audit history in the same
/// transaction, and a preview that inspects the county as of today under the stored and the proposed settings.
/// </summary>
public static class InspectionSettingsEditor
{
    public const string AuditAction = "inspections.settings_changed";
    public const string AuditEntityType = "inspection_settings";

    public sealed record Settings(int CountyUnitId, string CountyName, InspectionSettings Values, bool IsDefault, DateTimeOffset? UpdatedAt, string? UpdatedBy, uint? Version);

    /// <summary><paramref name="ExpectedVersion"/>: the version the editor loaded (null when it showed the defaults).</summary>
    public sealed record SaveCommand(int CountyUnitId, InspectionSettings Values, uint? ExpectedVersion);

    /// <summary>A value out of its range: the setting's name, the value, and what is allowed.</summary>
    public sealed record Problem(string Name, int Value, int Min, int Max);

    public sealed record Outcome(int Accounts, int Fail, int Pass, int Excellent, int NearStale);

    public sealed record Preview(Outcome Current, Outcome Proposed);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, RunInspection.Handler inspection, TimeProvider clock)
    {
        /// <summary>What is wrong with <paramref name="values"/>; empty when it may be saved.</summary>
        public static IReadOnlyList<Problem> Validate(InspectionSettings values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var problems = values.Validate().Select(p => new Problem(p.Name, p.Value, p.Min, p.Max)).ToList();

            // An excellent score below the pass mark would call a failing account excellent.
            if (values.ExcellentScore < values.PassScore && problems.All(p => p.Name is not ("pass_score" or "excellent_score")))
            {
                problems.Add(new Problem("excellent_score", values.ExcellentScore, values.PassScore, 100));
            }

            return problems;
        }

        public async Task<Settings> GetAsync(int countyUnitId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var county = await CountySettingsEdits.FindCountyAsync(db, countyUnitId, scope, cancellationToken);
            var stored = await db.InspectionSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UnitId == county.Id, cancellationToken);
            return stored is null
                ? new Settings(county.Id, county.Name, InspectionSettings.Defaults, true, null, null, null)
                : new Settings(county.Id, county.Name, stored.ToSettings(), false, stored.UpdatedAt, stored.UpdatedBy, stored.Version);
        }

        /// <summary>Saves new settings. Admin only; invalid values are refused with every problem named.</summary>
        public async Task<Settings> SaveAsync(SaveCommand command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.IsAdmin)
            {
                throw new NotFoundOrForbiddenException("Only an administrator may change the inspection settings.");
            }

            var problems = Validate(command.Values);
            if (problems.Count > 0)
            {
                throw new InspectionSettingsInvalidException(problems);
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var county = await CountySettingsEdits.FindCountyAsync(db, command.CountyUnitId, scope, cancellationToken);
            var stored = await db.InspectionSettings.FirstOrDefaultAsync(s => s.UnitId == county.Id, cancellationToken);
            var before = stored?.ToSettings() ?? InspectionSettings.Defaults;
            if (stored is null)
            {
                if (command.ExpectedVersion is not null)
                {
                    throw new DbUpdateConcurrencyException("The settings were removed since they were loaded.");
                }

                stored = new CountyInspectionSettings { UnitId = county.Id };
                db.InspectionSettings.Add(stored);
            }
            else
            {
                // Someone saved since this editor loaded: refuse rather than overwrite their change.
                db.Entry(stored).Property(s => s.Version).OriginalValue = command.ExpectedVersion ?? 0;
            }

            var now = clock.GetUtcNow();
            stored.Change(command.Values, scope.UserName, now);
            var old = before.ToNamedValues().ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            AuditLog.Append(
                db,
                now,
                scope.UserName,
                AuditAction,
                AuditEntityType,
                county.Id.ToString(CultureInfo.InvariantCulture),
                county.Id,
                CountySettingsEdits.ChangeSummary(old, command.Values.ToNamedValues()),
                new { before = old, after = command.Values.ToNamedValues().ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal) });
            await db.SaveChangesAsync(cancellationToken);
            return await GetAsync(county.Id, scope, cancellationToken);
        }

        public async Task<IReadOnlyList<CountySettingsEdits.HistoryEntry>> HistoryAsync(int countyUnitId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var county = await CountySettingsEdits.FindCountyAsync(db, countyUnitId, scope, cancellationToken);
            return await CountySettingsEdits.HistoryAsync(db, AuditEntityType, county.Id, cancellationToken);
        }

        /// <summary>Inspects the county as of today (Shanghai) twice, under the stored and the proposed settings, storing nothing.</summary>
        public async Task<Preview> PreviewAsync(int countyUnitId, InspectionSettings proposed, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(proposed);
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.IsAdmin)
            {
                throw new NotFoundOrForbiddenException("Only an administrator may preview the inspection settings.");
            }

            var problems = Validate(proposed);
            if (problems.Count > 0)
            {
                throw new InspectionSettingsInvalidException(problems);
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await CountySettingsEdits.FindCountyAsync(db, countyUnitId, scope, cancellationToken);
            }

            var today = ShanghaiCalendar.Today(clock);
            var current = await inspection.HandleAsync(
                new RunInspection.Command(today, scope.UserName) { Store = false, CountyUnitId = countyUnitId }, cancellationToken);
            var withProposed = await inspection.HandleAsync(
                new RunInspection.Command(today, scope.UserName) { Store = false, CountyUnitId = countyUnitId, SettingsOverride = proposed }, cancellationToken);
            static Outcome Of(RunInspection.Result r) => new(r.AccountCount, r.Failed, r.Passed, r.Excellent, r.ByCode[InspectionCode.NearStale]);
            return new Preview(Of(current), Of(withProposed));
        }
    }
}

/// <summary>Inspection settings that may not be saved; <see cref="Problems"/> names each value and its allowed range.</summary>
public sealed class InspectionSettingsInvalidException : Exception
{
    public InspectionSettingsInvalidException(IReadOnlyList<InspectionSettingsEditor.Problem> problems)
        : base("Invalid inspection settings: " + string.Join("; ", (problems ?? []).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} = {p.Value} (allowed {p.Min}–{p.Max})"))))
    {
        Problems = problems ?? [];
    }

    public InspectionSettingsInvalidException()
        : this([])
    {
    }

    public InspectionSettingsInvalidException(string message)
        : base(message)
    {
        Problems = [];
    }

    public InspectionSettingsInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<InspectionSettingsEditor.Problem> Problems { get; }
}
