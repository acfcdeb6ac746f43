using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Infrastructure.Persistence;

/// <summary>Keeps units.path (see <see cref="Domain.Units.Unit.Path"/>) true after units are added or moved.</summary>
public static class UnitPaths
{
    /// <summary>Recomputes every unit's path in one recursive statement.</summary>
    public static Task<int> RecomputeAsync(RegistryDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync(
            """
            WITH RECURSIVE tree AS (
                SELECT id, '/' || id || '/' AS path FROM units WHERE parent_id IS NULL
                UNION ALL
                SELECT u.id, t.path || u.id || '/' FROM units u JOIN tree t ON u.parent_id = t.id
            )
            UPDATE units SET path = tree.path FROM tree WHERE units.id = tree.id AND units.path IS DISTINCT FROM tree.path
            """,
            cancellationToken);
    }
}
