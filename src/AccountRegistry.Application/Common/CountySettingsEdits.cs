using System.Globalization;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Common;

/// <summary>
/// What the editors of a county's settings share (the rule thresholds, the inspection settings, the 通报 wording): the
/// county found within the user's scope, a save's summary for the audit trail, and the county's history of one kind of
/// setting read back from it.
/// </summary>
public static class CountySettingsEdits
{
    public sealed record HistoryEntry(DateTimeOffset At, string Actor, string? Summary, string? Details);

    internal static async Task<Unit> FindCountyAsync(RegistryDbContext db, int countyUnitId, UserScope scope, CancellationToken cancellationToken) =>
        await db.Units.AsNoTracking().VisibleTo(scope)
            .FirstOrDefaultAsync(u => u.Id == countyUnitId && u.Level == UnitLevel.County, cancellationToken)
        ?? throw new NotFoundOrForbiddenException($"County {countyUnitId} was not found.");

    /// <summary>"stale_days 14 → 30; …" for each value of <paramref name="after"/> that differs from <paramref name="before"/>, else "no change".</summary>
    internal static string ChangeSummary<T>(IReadOnlyDictionary<string, T> before, IEnumerable<KeyValuePair<string, T>> after)
    {
        var changes = after
            .Where(v => !EqualityComparer<T>.Default.Equals(before[v.Key], v.Value))
            .Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key} {before[v.Key]} → {v.Value}"))
            .ToList();
        return changes.Count == 0 ? "no change" : string.Join("; ", changes);
    }

    /// <summary>The county's audit entries of <paramref name="entityType"/>, latest first (the last 200).</summary>
    internal static async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(RegistryDbContext db, string entityType, int countyUnitId, CancellationToken cancellationToken)
    {
        var id = countyUnitId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == entityType && e.EntityId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(200)
            .Select(e => new HistoryEntry(e.At, e.Actor, e.Summary, e.Details))
            .ToListAsync(cancellationToken);
    }
}
