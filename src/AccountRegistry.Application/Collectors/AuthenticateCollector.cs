using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Collectors;

/// <summary>Finds the collector behind a presented API key; null for a missing, unknown or revoked key.</summary>
public static class AuthenticateCollector
{
    public sealed record Collector(int KeyId, string Name);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<Collector?> HandleAsync(string? presentedKey, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(presentedKey) || presentedKey.Length > ApiKeys.MaxKeyLength
                || !presentedKey.StartsWith(ApiKeys.KeyPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var hash = ApiKeys.Hash(presentedKey.Trim());
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.CollectorApiKeys.AsNoTracking()
                .Where(k => k.KeyHash == hash && k.RevokedAt == null)
                .Select(k => new Collector(k.Id, k.Name))
                .FirstOrDefaultAsync(cancellationToken);
        }
    }
}
