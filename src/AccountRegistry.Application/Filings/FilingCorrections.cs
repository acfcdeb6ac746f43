using AccountRegistry.Application.Exports;
using AccountRegistry.Domain.Accounts;

namespace AccountRegistry.Application.Filings;

/// <summary>
/// The corrections to send upward after a reconcile, as .xlsx: one row per account to file (ours, live, unknown to
/// the province), per account the province holds that we do not, and per account whose fields differ, with both
/// sides' values. Column names Chinese for the reader and the spec's code for whoever processes the sheet further.
/// </summary>
public static class FilingCorrections
{
    public static IReadOnlyList<string> Columns { get; } = ExportTexts.Columns(
        "Corrections", "Kind", "Platform", "AccountId", "Fields", "NameHere", "NameProvince", "UnitCodeHere", "UnitCodeProvince",
        "FilingNoHere", "FilingNoProvince", "StatusHere", "StatusProvince");

    /// <summary>Writes the sheet (with its header even when the reconcile is clean); returns the number of rows.</summary>
    public static Task<int> WriteXlsxAsync(ReconcileFilings.Result result, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.NotFiledHere
            .Select(row => Cells(ExportTexts.Text("Corrections.NotFiled"), row.Platform, row.AccountKey, string.Empty, row.Ours, null))
            .Concat(result.Unknown.Select(row => Cells(ExportTexts.Text("Corrections.Unknown"), row.Platform, row.AccountKey, string.Empty, null, row.Theirs)))
            .Concat(result.Mismatches.Select(row => Cells(ExportTexts.Text("Corrections.Mismatched"), row.Platform, row.AccountKey, string.Join(", ", row.Fields), row.Ours, row.Theirs)));
        return XlsxTable.WriteAsync(output, ExportTexts.Text("Corrections.Sheet"), Columns, rows, cancellationToken);
    }

    private static object?[] Cells(string kind, Platform platform, string accountId, string fields, ReconcileFilings.Values? ours, ReconcileFilings.Values? theirs) =>
    [
        kind, platform.ToCode(), accountId, fields,
        ours?.Name ?? string.Empty, theirs?.Name ?? string.Empty,
        ours?.UnitCode ?? string.Empty, theirs?.UnitCode ?? string.Empty,
        ours?.FilingNo ?? string.Empty, theirs?.FilingNo ?? string.Empty,
        ours?.Status.ToCode() ?? string.Empty, theirs?.Status.ToCode() ?? string.Empty,
    ];
}
