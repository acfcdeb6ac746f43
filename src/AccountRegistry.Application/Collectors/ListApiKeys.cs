using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Collectors;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Collectors;

/// <summary>The keys issued, newest first: who has one, since when, and whether it still works. Never the key itself.</summary>
public static class ListApiKeys
{
    public sealed record Row(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy)
    {
        public ApiKeyPurpose Purpose { get; init; }
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.IsAdmin)
            {
                throw new UnauthorizedAccessException("Only administrators manage collector keys.");
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.CollectorApiKeys.AsNoTracking()
                .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
                .Select(k => new Row(k.Id, k.Name, k.Prefix, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.RevokedBy) { Purpose = k.Purpose })
                .ToListAsync(cancellationToken);
        }
    }
}
