namespace AccountRegistry.Domain.Posts;

public class Post
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    /// <summary>The platform's id of the post; unique per account.</summary>
    public required string PlatformPostId { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }

    /// <summary>False for reposts and forwards (the REPOST_HEAVY rule).</summary>
    public bool IsOriginal { get; set; } = true;

    public string? Url { get; set; }
}
