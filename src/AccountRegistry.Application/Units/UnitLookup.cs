using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Units;

/// <summary>Units the user may pick in a filter, searched by name or code in SQL.</summary>
public static class UnitLookup
{
    public sealed record Option(int Id, string Code, string Name, UnitLevel Level, string Path);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<IReadOnlyList<Option>> SearchAsync(string? text, UserScope scope, int limit = 50, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var units = db.Units.AsNoTracking().VisibleTo(scope);
            if (!string.IsNullOrWhiteSpace(text))
            {
                var pattern = SearchPattern.Contains(text);
                units = units.Where(u => EF.Functions.ILike(u.Name, pattern, "\\") || EF.Functions.ILike(u.Code, pattern, "\\"));
            }

            return await units
                .OrderBy(u => u.Path.Length).ThenBy(u => u.Code)
                .Take(Math.Clamp(limit, 1, 200))
                .Select(u => new Option(u.Id, u.Code, u.Name, u.Level, u.Path))
                .ToListAsync(cancellationToken);
        }

        public async Task<Option?> GetAsync(int id, UserScope scope, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Units.AsNoTracking().VisibleTo(scope).Where(u => u.Id == id)
                .Select(u => new Option(u.Id, u.Code, u.Name, u.Level, u.Path))
                .FirstOrDefaultAsync(cancellationToken);
        }
    }
}
