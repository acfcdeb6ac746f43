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

    public static FileImportResult Rejected(string file, ImportKind kind, long rowsRead, ImportErrorList errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(file, kind, rowsRead, 0, 0, 0, errors.Sorted(), 0, errors.Omitted);
    }
}
