namespace AccountRegistry.Domain.Closures;

/// <summary>
/// A file attached to a request, kept in the database (bytea) rather than on disk: it is then covered by the same
/// backups and the same access checks as the request, and nothing in the web root can serve it by accident.
/// </summary>
public class ClosureAttachment
{
    public long Id { get; set; }

    public int RequestId { get; set; }

    public AttachmentPurpose Purpose { get; set; }

    /// <summary>The name the user gave the file, cleaned of paths; shown, never trusted for the type.</summary>
    public required string FileName { get; set; }

    /// <summary>The type read from the file's first bytes (image/png, image/jpeg, application/pdf).</summary>
    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>SHA-256 of the content, hex: lets an inspector check that the proof was not swapped later.</summary>
    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public byte[] Content { get; set; } = [];
}
