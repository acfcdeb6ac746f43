namespace AccountRegistry.Domain.Collectors;

/// <summary>
/// A key with which one collector (a crawler or a platform export job) posts batches of posts and read counts to
/// the collector API. Only the SHA-256 hash of the key is stored: the key itself is shown once, at creation.
/// </summary>
public class CollectorApiKey
{
    /// <summary>Characters of the key kept in clear, so an administrator can tell keys apart in the list.</summary>
    public const int PrefixLength = 12;

    public int Id { get; set; }

    /// <summary>Who uses the key, e.g. "微信采集服务".</summary>
    public required string Name { get; set; }

    /// <summary>The first <see cref="PrefixLength"/> characters of the key.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the key's UTF-8 bytes. The key is 32 random bytes, so a plain hash cannot be brute-forced.</summary>
    public required byte[] KeyHash { get; set; }

    public ApiKeyPurpose Purpose { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    private DateTimeOffset? revokedAt;

    public DateTimeOffset? RevokedAt { get => revokedAt; init => revokedAt = value; }

    private string? revokedBy;

    public string? RevokedBy { get => revokedBy; init => revokedBy = value; }

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(string? revokedBy, DateTimeOffset now)
    {
        if (IsRevoked)
        {
            throw new InvalidOperationException($"The key {Name} is already revoked.");
        }

        revokedAt = now;
        this.revokedBy = revokedBy;
    }
}
