using System.Text.Json.Serialization;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Stats;

/// <summary>`registry stats`: counts of what is stored (spec/interchange.md).</summary>
public static class StoredCounts
{
    public sealed record Result(
        [property: JsonPropertyName("units")] long Units,
        [property: JsonPropertyName("accounts")] long Accounts,
        [property: JsonPropertyName("posts")] long Posts,
        [property: JsonPropertyName("read_snapshots")] long ReadSnapshots);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<Result> HandleAsync(CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return new Result(
                await db.Units.LongCountAsync(cancellationToken),
                await db.Accounts.LongCountAsync(cancellationToken),
                await db.Posts.LongCountAsync(cancellationToken),
                await db.ReadSnapshots.LongCountAsync(cancellationToken));
        }
    }
}
