namespace AccountRegistry.Domain.Reviews;

/// <summary>A reviewer's named queue filter ("望岳街道 · 建议关停"), kept per user so it follows them to any machine.</summary>
public class SavedReviewFilter
{
    public const int MaxNameLength = 100;

    public int Id { get; set; }

    /// <summary>The owner's user name; nobody else sees or changes the filter.</summary>
    public required string UserName { get; set; }

    public required string Name { get; set; }

    /// <summary>The filter as JSON with the spec's codes (stable across renames of the C# enums).</summary>
    public string Filter { get; set; } = "{}";

    public DateTimeOffset SavedAt { get; set; }
}
