namespace AccountRegistry.Domain.Posts;

/// <summary>Cumulative figures of a post at one moment. Key: post + captured_at.</summary>
public class ReadSnapshot
{
    public long PostId { get; set; }

    public DateTimeOffset CapturedAt { get; set; }

    public long Reads { get; set; }

    public long? Likes { get; set; }

    public long? Shares { get; set; }
}
