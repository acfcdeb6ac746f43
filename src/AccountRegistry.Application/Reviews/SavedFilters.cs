using System.Text.Json;
using System.Text.Json.Serialization;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Content;
using AccountRegistry.Domain.Reviews;
using AccountRegistry.Domain.Rules;
using AccountRegistry.Domain.Text;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Reviews;

/// <summary>A reviewer's named queue filters, per user, in the database.</summary>
public static class SavedFilters
{
    public sealed record Saved(int Id, string Name, ReviewQueue.Filter Filter, DateTimeOffset SavedAt);

    /// <summary>The stored shape: the spec's codes, so a renamed C# enum member cannot break saved filters.</summary>
    private sealed record Stored(
        [property: JsonPropertyName("state")] string? State,
        [property: JsonPropertyName("rule")] string? Rule,
        [property: JsonPropertyName("recommendation")] string? Recommendation,
        [property: JsonPropertyName("unit_id")] int? UnitId,
        [property: JsonPropertyName("platform")] string? Platform,
        [property: JsonPropertyName("level")] string? Level,
        [property: JsonPropertyName("min_flag_age_days")] int? MinFlagAgeDays,
        [property: JsonPropertyName("search")] string? Search,
        [property: JsonPropertyName("content_check")] string? ContentCheck = null);

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(ReviewQueue.Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return JsonSerializer.Serialize(
            new Stored(
                StateCode(filter.State),
                filter.Rule?.ToCode(),
                filter.Recommendation?.ToCode(),
                filter.UnitId,
                filter.Platform?.ToCode(),
                filter.Level?.ToCode(),
                filter.MinFlagAgeDays,
                filter.Search,
                filter.ContentCheck?.ToCode()),
            Options);
    }

    /// <summary>Unknown codes (a filter saved by a later version) are dropped rather than failing the page.</summary>
    public static ReviewQueue.Filter FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Options) ?? throw new FormatException("Not a saved filter.");
        return new ReviewQueue.Filter
        {
            State = ParseState(stored.State) ?? ReviewQueue.State.Pending,
            Rule = RuleCodes.TryParse(stored.Rule, out var rule) ? rule : null,
            Recommendation = Recommendations.TryParse(stored.Recommendation, out var recommendation) ? recommendation : null,
            UnitId = stored.UnitId,
            Platform = Platforms.TryParse(stored.Platform, out var platform) ? platform : null,
            Level = UnitLevels.TryParse(stored.Level, out var level) ? level : null,
            MinFlagAgeDays = stored.MinFlagAgeDays,
            Search = stored.Search,
            ContentCheck = ContentChecks.TryParse(stored.ContentCheck, out var contentCheck) ? contentCheck : null,
        };
    }

    public static string StateCode(ReviewQueue.State state) => state switch
    {
        ReviewQueue.State.Pending => "pending",
        ReviewQueue.State.Decided => "decided",
        ReviewQueue.State.All => "all",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static ReviewQueue.State? ParseState(string? code) => code switch
    {
        "pending" => ReviewQueue.State.Pending,
        "decided" => ReviewQueue.State.Decided,
        "all" => ReviewQueue.State.All,
        _ => null,
    };

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Saved>> ListAsync(UserScope scope, CancellationToken cancellationToken = default)
        {
            ReviewAccess.EnsureMayReview(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await db.SavedReviewFilters.AsNoTracking()
                .Where(f => f.UserName == scope.UserName)
                .OrderBy(f => f.Name)
                .Select(f => new { f.Id, f.Name, f.Filter, f.SavedAt })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Saved(r.Id, r.Name, FromJson(r.Filter), r.SavedAt)).ToList();
        }

        /// <summary>Saves under a name; an existing filter of the same user and name is replaced.</summary>
        public async Task<int> SaveAsync(string name, ReviewQueue.Filter filter, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(filter);
            ReviewAccess.EnsureMayReview(scope);
            var trimmed = name?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > SavedReviewFilter.MaxNameLength)
            {
                throw new ArgumentException($"A filter needs a name of 1 to {SavedReviewFilter.MaxNameLength} characters.", nameof(name));
            }

            if (DisplayText.HasHidden(trimmed))
            {
                throw new ArgumentException("A filter's name cannot hold control or bidirectional formatting characters.", nameof(name));
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var saved = await db.SavedReviewFilters.FirstOrDefaultAsync(f => f.UserName == scope.UserName && f.Name == trimmed, cancellationToken);
            if (saved is null)
            {
                saved = new SavedReviewFilter { UserName = scope.UserName, Name = trimmed };
                db.SavedReviewFilters.Add(saved);
            }

            saved.Filter = ToJson(filter);
            saved.SavedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return saved.Id;
        }

        /// <summary>Deletes one of the user's own filters; another user's id deletes nothing.</summary>
        public async Task<bool> DeleteAsync(int id, UserScope scope, CancellationToken cancellationToken = default)
        {
            ReviewAccess.EnsureMayReview(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.SavedReviewFilters.Where(f => f.Id == id && f.UserName == scope.UserName).ExecuteDeleteAsync(cancellationToken) > 0;
        }
    }
}
