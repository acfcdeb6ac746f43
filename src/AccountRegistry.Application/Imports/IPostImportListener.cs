namespace AccountRegistry.Application.Imports;

/// <summary>
/// Work that must follow every import of posts (fingerprints for the near-duplicate detector, content checks, daily
/// rollups). A listener finds its own pending rows in SQL (e.g. posts without a current fingerprint), so the same
/// call serves the file import, the collector API and a resumable backfill.
/// </summary>
public interface IPostImportListener
{
    /// <summary>Called after posts were committed. <paramref name="progress"/> may be null.</summary>
    Task PostsImportedAsync(IProgress<string>? progress, CancellationToken cancellationToken);
}
