namespace AccountRegistry.Application.Imports;

/// <summary>The outcome of one file or batch: either everything was stored, or nothing was and <see cref="Errors"/> says why.</summary>
public sealed record FileImportResult(
    string File,
    ImportKind Kind,
    long RowsRead,
    long Inserted,
    long Updated,
    long Unchanged,
    IReadOnlyList<ImportError> Errors,
    long StatusChanges = 0,
    long OmittedErrors = 0)
{
    public bool Accepted => Errors.Count == 0 && OmittedErrors == 0;

    /// <summary>Stored rows that deserve a look (a cumulative figure that went down), as line, column, value and reason.</summary>
    public IReadOnlyList<ImportError> RowWarnings { get; init; } = [];

    /// <summary>Row warnings counted but not listed.</summary>
    public long OmittedWarnings { get; init; }

    public static FileImportResult Rejected(string file, ImportKind kind, long rowsRead, ImportErrorList errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(file, kind, rowsRead, 0, 0, 0, errors.Sorted(), 0, errors.Omitted);
    }
}
