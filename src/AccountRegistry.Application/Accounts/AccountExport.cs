using System.Globalization;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Exports;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Domain.Units;
using MiniExcelLibs;

namespace AccountRegistry.Application.Accounts;

/// <summary>The register's current filter as a spreadsheet (导出 on the register), scoped like the page.</summary>
public static class AccountExport
{
    public sealed class Handler(AccountRegister.Handler register)
    {
        /// <summary>Writes the .xlsx to <paramref name="output"/>.</summary>
        public async Task WriteXlsxAsync(AccountRegister.Query query, UserScope scope, Stream output, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(output);
            var rows = new List<Dictionary<string, object?>>();
            await foreach (var row in register.StreamAsync(query, scope, cancellationToken))
            {
                // Typed cells (booleans stay booleans), so a list of rows rather than a table of text.
                rows.Add(new Dictionary<string, object?>
                {
                    [ExportTexts.Text("Accounts.Platform")] = row.Platform.ToCode(),
                    [ExportTexts.Text("Accounts.AccountId")] = row.PlatformAccountId,
                    [ExportTexts.Text("Accounts.Name")] = row.Name,
                    [ExportTexts.Text("Accounts.Unit")] = row.UnitName,
                    [ExportTexts.Text("Accounts.Level")] = row.UnitLevel.ToCode(),
                    [ExportTexts.Text("Accounts.OpenedOn")] = row.OpenedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    [ExportTexts.Text("Accounts.Operator")] = row.Operator,
                    [ExportTexts.Text("Accounts.ProvidesServices")] = row.ProvidesServices,
                    [ExportTexts.Text("Accounts.IsHub")] = row.IsHub,
                    [ExportTexts.Text("Accounts.Status")] = row.Status.ToCode(),
                    [ExportTexts.Text("Accounts.LastPost")] = row.LastPostAt?.ToOffset(ShanghaiCalendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                });
            }

            await output.SaveAsAsync(rows, sheetName: ExportTexts.Text("Accounts.Sheet"), cancellationToken: cancellationToken);
        }
    }
}
