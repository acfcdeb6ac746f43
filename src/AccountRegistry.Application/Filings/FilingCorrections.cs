using System.Globalization;
using AccountRegistry.Domain.Accounts;
using MiniExcelLibs;

namespace AccountRegistry.Application.Filings;

/// <summary>
/// The corrections to send upward after a reconcile, as .xlsx: one row per account to file (ours, live, unknown to
/// the province), per account the province holds that we do not, and per account whose fields differ, with both
/// sides' values. Column names Chinese for the reader and the spec's code for whoever processes the sheet further.
/// </summary>
public static class FilingCorrections
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "类别 kind", "平台 platform", "账号ID account_id", "不一致字段 fields",
        "本地名称 name_here", "省级名称 name_province", "本地单位代码 unit_code_here", "省级单位代码 unit_code_province",
        "本地备案编号 filing_no_here", "省级备案编号 filing_no_province", "本地状态 status_here", "省级状态 status_province",
    ];

    public static async Task<int> WriteXlsxAsync(ReconcileFilings.Result result, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);

        // A table, so that a clean reconcile still sends a sheet with its header.
        using var table = new System.Data.DataTable("corrections") { Locale = CultureInfo.InvariantCulture };
        foreach (var column in Columns)
        {
            table.Columns.Add(column, typeof(string));
        }

        foreach (var row in result.NotFiledHere)
        {
            table.Rows.Add(Cells("未备案 not_filed", row.Platform, row.AccountKey, string.Empty, row.Ours, null));
        }

        foreach (var row in result.Unknown)
        {
            table.Rows.Add(Cells("本地无此账号 unknown_here", row.Platform, row.AccountKey, string.Empty, null, row.Theirs));
        }

        foreach (var row in result.Mismatches)
        {
            table.Rows.Add(Cells("信息不一致 mismatched", row.Platform, row.AccountKey, string.Join(", ", row.Fields), row.Ours, row.Theirs));
        }

        await output.SaveAsAsync(table, sheetName: "corrections", cancellationToken: cancellationToken);
        return table.Rows.Count;
    }

    private static object[] Cells(string kind, Platform platform, string accountId, string fields, ReconcileFilings.Values? ours, ReconcileFilings.Values? theirs) =>
    [
        kind, platform.ToCode(), accountId, fields,
        ours?.Name ?? string.Empty, theirs?.Name ?? string.Empty,
        ours?.UnitCode ?? string.Empty, theirs?.UnitCode ?? string.Empty,
        ours?.FilingNo ?? string.Empty, theirs?.FilingNo ?? string.Empty,
        ours?.Status.ToCode() ?? string.Empty, theirs?.Status.ToCode() ?? string.Empty,
    ];
}
