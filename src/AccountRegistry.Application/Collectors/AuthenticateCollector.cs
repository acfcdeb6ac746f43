using AccountRegistry.Domain.Collectors;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Collectors;

/// <summary>Finds the holder of a presented API key; null for a missing, unknown or revoked key, or one issued for another purpose.</summary>
public static class AuthenticateCollector
{
    public sealed record Collector(int KeyId, string Name);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<Collector?> HandleAsync(string? presentedKey, CancellationToken cancellationToken = default) =>
            await HandleAsync(presentedKey, ApiKeyPurpose.Collect, cancellationToken);

        public Task<Collector?> HandleAsync(string? presentedKey, ApiKeyPurpose purpose, CancellationToken cancellationToken = default) =>
            FindAsync(presentedKey, purpose, cancellationToken);

        /// <summary>The holder of a valid key of any purpose (the rate limiter counts requests per key, not per presented text).</summary>
        public Task<Collector?> AnyPurposeAsync(string? presentedKey, CancellationToken cancellationToken = default) =>
            FindAsync(presentedKey, null, cancellationToken);

        private async Task<Collector?> FindAsync(string? presentedKey, ApiKeyPurpose? purpose, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(presentedKey) || presentedKey.Length > ApiKeys.MaxKeyLength
                || !presentedKey.StartsWith(ApiKeys.KeyPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var hash = ApiKeys.Hash(presentedKey.Trim());
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.CollectorApiKeys.AsNoTracking()
                .Where(k => k.KeyHash == hash && k.RevokedAt == null && (purpose == null || k.Purpose == purpose))
                .Select(k => new Collector(k.Id, k.Name))
                .FirstOrDefaultAsync(cancellationToken);
        }
    }
}
