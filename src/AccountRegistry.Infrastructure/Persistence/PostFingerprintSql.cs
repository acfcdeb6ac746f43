using System.Globalization;

namespace AccountRegistry.Infrastructure.Persistence;

/// <summary>
/// SQL pieces of the near-duplicate detector. The Initial migration creates, in SQL written out there,
/// what EF Core cannot model: one expression index per LSH band (a B-tree over <c>signature[j]</c>, so a band lookup
/// is an index probe and the bands live in their fingerprint row: no separate band table, no orphans to clean up);
/// the trigger <c>posts_fingerprint_enqueue</c>, which queues every inserted post (statement-level, one INSERT per
/// COPY); and <c>posts_fingerprint_invalidate</c>, which drops a post's fingerprint and pairs and queues it again when
/// its title, content, publication time or account changes (the time decides which post copies which). Rather than
/// asking every writer of posts to remember that, the database does it. The latter's WHEN clause keeps upserts that
/// change nothing free.
/// </summary>
public static class PostFingerprintSql
{
    /// <summary>The number of bands the schema indexes; must equal Domain.Text.MinHashLsh.Bands.</summary>
    public const int IndexedBands = 40;

    public static string BandIndexName(int band) =>
        string.Create(CultureInfo.InvariantCulture, $"ix_post_fingerprints_band_{band:00}");

    /// <summary>
    /// The band's index as the Initial migration creates it (the detector's bulk path drops the
    /// indexes and builds them again with this).
    /// </summary>
    public static string CreateBandIndex(int band) =>
        string.Create(CultureInfo.InvariantCulture, $"CREATE INDEX IF NOT EXISTS {BandIndexName(band)} ON post_fingerprints ((signature[{band + 1}]))");

    /// <summary>PostgreSQL arrays are 1-based: band 0 is signature[1].</summary>
    public static string BandExpression(string alias, int band) =>
        string.Create(CultureInfo.InvariantCulture, $"{alias}.signature[{band + 1}]");

    /// <summary>The post's text as the detector reads it (title and content joined by a line feed), for hashing in SQL.</summary>
    public static string PostTextExpression(string alias) =>
        $"coalesce({alias}.title, '') || E'\\n' || coalesce({alias}.content, '')";

    /// <summary>MD5 of the post's text as a uuid: what post_fingerprints.content_hash holds.</summary>
    public static string ContentHashExpression(string alias) => $"md5({PostTextExpression(alias)})::uuid";
}
