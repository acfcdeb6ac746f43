using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Collectors;

/// <summary>An administrator revokes a key: from the next request on, it is refused.</summary>
public static class RevokeApiKey
{
    public sealed record Command(int Id);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.IsAdmin)
            {
                throw new UnauthorizedAccessException("Only administrators manage collector keys.");
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var key = await db.CollectorApiKeys.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
                ?? throw new NotFoundOrForbiddenException($"Collector key {command.Id} was not found.");
            var now = clock.GetUtcNow();
            key.Revoke(scope.UserName, now);
            AuditLog.Append(db, now, scope.UserName, "collector_key.revoked", "collector_key", key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                summary: $"API key {key.Prefix}… of {key.Name} revoked");
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
