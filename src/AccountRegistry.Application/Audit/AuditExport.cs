using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Exports;
using AccountRegistry.Domain.Common;

namespace AccountRegistry.Application.Audit;

/// <summary>The audit history's search as a spreadsheet (导出 on the audit page), in the user's scope.</summary>
public static class AuditExport
{
    public static IReadOnlyList<string> Columns { get; } = ExportTexts.Columns(
        "Audit", "At", "Actor", "Action", "EntityType", "EntityId", "Unit", "Summary", "Details");

    public sealed class Handler(AuditSearch.Handler search)
    {
        /// <summary>Writes the .xlsx to <paramref name="output"/>; returns the number of entries in it.</summary>
        public Task<int> WriteXlsxAsync(AuditSearch.Query query, UserScope scope, Stream output, CancellationToken cancellationToken = default)
        {
            var rows = search.StreamAsync(query, scope, cancellationToken).Select(row => new object?[]
            {
                row.At.ToOffset(ShanghaiCalendar.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                row.Actor,
                row.Action,
                row.EntityType,
                row.EntityId,
                row.UnitName,
                row.Summary,
                row.Details,
            });
            return XlsxTable.WriteAsync(output, ExportTexts.Text("Audit.Sheet"), Columns, rows, cancellationToken);
        }
    }
}
