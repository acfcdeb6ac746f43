using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Collectors;
using AccountRegistry.Domain.Text;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Collectors;

/// <summary>An administrator issues a key to a collector. The key is returned once and never stored.</summary>
public static class CreateApiKey
{
    /// <summary>A key for one purpose: collecting (the default) or reading the dashboard.</summary>
    public sealed record Command(string Name, ApiKeyPurpose Purpose = ApiKeyPurpose.Collect);

    public sealed record Result(int Id, string Name, string Prefix, string Key);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            if (!scope.IsAdmin)
            {
                throw new UnauthorizedAccessException("Only administrators manage collector keys.");
            }

            var name = command.Name?.Trim() ?? string.Empty;
            if (name.Length is 0 or > 200)
            {
                throw new ArgumentException("A key needs the collector's name (at most 200 characters).", nameof(command));
            }

            if (DisplayText.HasHidden(name))
            {
                throw new ArgumentException("A key's name cannot hold control or bidirectional formatting characters.", nameof(command));
            }

            var key = ApiKeys.NewKey();
            var now = clock.GetUtcNow();
            var entity = new CollectorApiKey
            {
                Name = name,
                Prefix = ApiKeys.PrefixOf(key),
                KeyHash = ApiKeys.Hash(key),
                Purpose = command.Purpose,
                CreatedAt = now,
                CreatedBy = scope.UserName,
            };
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.CollectorApiKeys.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            AuditLog.Append(db, now, scope.UserName, "collector_key.created", "collector_key", entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                summary: $"API key {entity.Prefix}… ({command.Purpose.ToCode()}) issued to {name}");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(entity.Id, entity.Name, entity.Prefix, key);
        }
    }
}
