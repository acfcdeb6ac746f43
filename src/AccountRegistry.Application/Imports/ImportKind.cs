namespace AccountRegistry.Application.Imports;

/// <summary>The files of spec/interchange.md and spec/inspection.md, in the order they must be imported (each refers to the previous).</summary>
public enum ImportKind
{
    Units,
    Accounts,
    Posts,
    Reads,
    Interactions,

    /// <summary>
    /// filings.csv, the provincial reporting system's export: read by `registry reconcile` and the reconcile page with
    /// the same readers and checks, compared and never imported.
    /// </summary>
    Filings,
}

public enum ImportFileFormat
{
    Csv,
    Xlsx,
}

public static class ImportKinds
{
    private static readonly string[] UnitColumns = ["code", "name", "level", "parent_code"];

    private static readonly string[] AccountColumns =
        ["platform", "account_id", "name", "unit_code", "opened_on", "operator", "provides_services", "is_hub", "status", "interactive", "filing_no"];

    /// <summary>Columns a file may leave out (spec v2 added them, and every v1 file stays valid).</summary>
    private static readonly string[] OptionalAccountColumns = ["interactive", "filing_no"];

    private static readonly string[] InteractionColumns =
        ["platform", "account_id", "message_id", "kind", "received_at", "replied_at", "needs_reply"];

    private static readonly string[] FilingColumns = ["platform", "account_id", "name", "unit_code", "filing_no", "status"];

    private static readonly string[] PostColumns =
        ["platform", "account_id", "post_id", "published_at", "title", "content", "is_original", "url"];

    private static readonly string[] ReadColumns =
        ["platform", "account_id", "post_id", "captured_at", "reads", "likes", "shares"];

    /// <summary>The file's name without extension: units, accounts, posts, reads.</summary>
    public static string FileStem(this ImportKind kind) => kind switch
    {
        ImportKind.Units => "units",
        ImportKind.Accounts => "accounts",
        ImportKind.Posts => "posts",
        ImportKind.Reads => "reads",
        ImportKind.Interactions => "interactions",
        ImportKind.Filings => "filings",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The spec's columns, in the spec's order (files may order them differently).</summary>
    public static IReadOnlyList<string> Columns(this ImportKind kind) => kind switch
    {
        ImportKind.Units => UnitColumns,
        ImportKind.Accounts => AccountColumns,
        ImportKind.Posts => PostColumns,
        ImportKind.Reads => ReadColumns,
        ImportKind.Interactions => InteractionColumns,
        ImportKind.Filings => FilingColumns,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The columns a file of this kind may omit from its header; every other column is required.</summary>
    public static IReadOnlyList<string> OptionalColumns(this ImportKind kind) =>
        kind == ImportKind.Accounts ? OptionalAccountColumns : [];

    /// <summary>Recognises units.csv, Posts.XLSX and so on; anything else is not an import file.</summary>
    public static bool TryFromFileName(string fileName, out ImportKind kind, out ImportFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(fileName);
        var extension = Path.GetExtension(name);
        var stem = Path.GetFileNameWithoutExtension(name);
        format = default;
        kind = default;
        if (string.Equals(extension, ".csv", StringComparison.OrdinalIgnoreCase))
        {
            format = ImportFileFormat.Csv;
        }
        else if (string.Equals(extension, ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            format = ImportFileFormat.Xlsx;
        }
        else
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<ImportKind>())
        {
            if (candidate == ImportKind.Filings)
            {
                // A filings export lying in an import folder is compared by `registry reconcile`, never imported.
                continue;
            }

            if (string.Equals(candidate.FileStem(), stem, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        return false;
    }
}
