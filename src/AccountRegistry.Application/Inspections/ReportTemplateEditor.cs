using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Units;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// 通报模板: a county's wording of the 通报 (title, opening, 工作要求, signature, date line, with named fields), edited
/// by its reviewers and administrators like the other county settings: a field the report does not know is refused with
/// its name, a save is checked against the xmin the editor loaded, and every change is audited with before and after
/// in the same save. Publishing a round copies the county's wording onto the round (<see cref="ForRoundAsync"/>).
/// </summary>
public static class ReportTemplateEditor
{
    public const string AuditAction = "inspections.report_template_changed";
    public const string AuditEntityType = "inspection_report_template";

    /// <summary><paramref name="Text"/> null: the county has none saved and the report uses the default wording.</summary>
    public sealed record Template(int CountyUnitId, string CountyName, ReportTemplateText? Text, DateTimeOffset? UpdatedAt, string? UpdatedBy, uint? Version);

    /// <summary><paramref name="ExpectedVersion"/>: the version the editor loaded (null when it showed the default).</summary>
    public sealed record SaveCommand(int CountyUnitId, ReportTemplateText Text, uint? ExpectedVersion);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Template> GetAsync(int countyUnitId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var county = await FindCountyAsync(db, countyUnitId, scope, cancellationToken);
            var stored = await db.ReportTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.UnitId == county.Id, cancellationToken);
            return new Template(county.Id, county.Name, stored?.ToText(), stored?.UpdatedAt, stored?.UpdatedBy, stored?.Version);
        }

        /// <summary>Saves the wording; unknown fields (or parts too long) are refused, every one named, and nothing is saved.</summary>
        public async Task<Template> SaveAsync(SaveCommand command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(command.Text);
            var problems = command.Text.Problems();
            if (problems.Count > 0)
            {
                throw new ReportTemplateInvalidException(problems);
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var county = await FindCountyAsync(db, command.CountyUnitId, scope, cancellationToken);
            var stored = await db.ReportTemplates.FirstOrDefaultAsync(t => t.UnitId == county.Id, cancellationToken);
            var before = stored?.ToText();
            if (stored is null)
            {
                if (command.ExpectedVersion is not null)
                {
                    throw new DbUpdateConcurrencyException("The template was removed since it was loaded.");
                }

                stored = new CountyReportTemplate { UnitId = county.Id };
                db.ReportTemplates.Add(stored);
            }
            else
            {
                db.Entry(stored).Property(t => t.Version).OriginalValue = command.ExpectedVersion ?? 0;
            }

            var now = clock.GetUtcNow();
            stored.Change(command.Text, scope.UserName, now);
            var after = stored.ToText();
            var changed = Enum.GetValues<ReportTemplatePart>().Where(p => before?[p] != after[p]).Select(p => p.ToString()).ToList();
            AuditLog.Append(db, now, scope.UserName, AuditAction, AuditEntityType, county.Id.ToString(CultureInfo.InvariantCulture), county.Id,
                changed.Count == 0 ? "no change" : "changed: " + string.Join(", ", changed), new { before, after });
            await db.SaveChangesAsync(cancellationToken);
            return await GetAsync(county.Id, scope, cancellationToken);
        }

        /// <summary>
        /// The county's newest published round (all its units in the county, as <see cref="ForRoundAsync"/> asks), for the
        /// preview (the county is in the user's scope, so are its rounds); null when there is none.
        /// </summary>
        public async Task<long?> PreviewRoundAsync(int countyUnitId, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var county = await FindCountyAsync(db, countyUnitId, scope, cancellationToken);
            var path = await db.Units.Where(u => u.Id == county.Id).Select(u => u.Path).FirstAsync(cancellationToken);
            return await db.InspectionRounds.AsNoTracking()
                .Where(r => r.State == RoundState.Published && r.InspectionId != null
                    && db.Units.Any(u => u.Id == r.UnitIds[0] && u.Path.StartsWith(path))
                    && !db.Units.Any(u => r.UnitIds.Contains(u.Id) && !u.Path.StartsWith(path)))
                .OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id)
                .Select(r => (long?)r.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        private static async Task<Unit> FindCountyAsync(RegistryDbContext db, int countyUnitId, UserScope scope, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.Meets(Policies.District))
            {
                throw new NotFoundOrForbiddenException("Only reviewers and administrators word the 通报.");
            }

            return await CountySettingsEdits.FindCountyAsync(db, countyUnitId, scope, cancellationToken);
        }
    }

    /// <summary>The county's saved wording for a round (the county of its first unit), as JSON to store on the round; null: the default.</summary>
    internal static async Task<string?> ForRoundAsync(RegistryDbContext db, InspectionRound round, CancellationToken cancellationToken)
    {
        // A county's wording is for its own rounds: a round over several counties (an administrator's) gets the
        // default wording, not that of whichever county was listed first.
        var county = round.UnitIds.Length == 0 ? null : await CountyHubs.CommonCountyAsync(db, round.UnitIds, cancellationToken);
        var stored = county is null ? null : await db.ReportTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.UnitId == county, cancellationToken);
        return stored?.ToText().ToJson();
    }
}

/// <summary>A wording that may not be saved; <see cref="Problems"/> names each part and unknown field.</summary>
public sealed class ReportTemplateInvalidException : Exception
{
    public ReportTemplateInvalidException(IReadOnlyList<ReportTemplateProblem> problems)
        : base("Invalid report template: " + string.Join("; ", (problems ?? []).Select(p => $"{p.Part}: {p.Field ?? "too long"}")))
    {
        Problems = problems ?? [];
    }

    public ReportTemplateInvalidException()
        : this([])
    {
    }

    public ReportTemplateInvalidException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ReportTemplateInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<ReportTemplateProblem> Problems { get; }
}
