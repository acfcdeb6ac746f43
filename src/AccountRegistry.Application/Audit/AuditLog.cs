using System.Text.Json;
using AccountRegistry.Domain.Audit;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.Application.Audit;

/// <summary>Adds history lines to the current unit of work, so a change and its history commit together.</summary>
public static class AuditLog
{
    public static AuditEntry Append(
        RegistryDbContext db,
        DateTimeOffset at,
        string actor,
        string action,
        string? entityType = null,
        string? entityId = null,
        int? unitId = null,
        string? summary = null,
        object? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = new AuditEntry
        {
            At = at,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            UnitId = unitId,
            Summary = summary,
            Details = details is null ? null : JsonSerializer.Serialize(details),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
