using System.Globalization;
using System.Text.Json;
using AccountRegistry.Application.Imports.Reading;

namespace AccountRegistry.Application.Imports;

/// <summary>
/// A batch of posts, read counts or interactions from a collector (POST /api/v1/posts, /api/v1/reads, /api/v1/interactions): the same checks and the
/// same all-or-nothing upsert as a file, with the batch index (zero-based) in place of the line number.
/// </summary>
public static class ImportBatch
{
    /// <summary>Bigger deliveries go in several batches or as a file; a batch is held in memory while it is checked.</summary>
    public const int MaxRows = 10_000;

    public sealed record Command(ImportKind Kind, IReadOnlyList<JsonElement> Items, string CollectorName);

    public sealed class Handler(ImportEngine engine)
    {
        public async Task<FileImportResult> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (command.Kind is not (ImportKind.Posts or ImportKind.Reads or ImportKind.Interactions))
            {
                throw new ArgumentException("The collector API takes posts, reads and interactions only.", nameof(command));
            }

            var label = $"api/{command.Kind.FileStem()}";
            if (command.Items.Count > MaxRows)
            {
                var errors = new ImportErrorList(label, command.Kind.Columns());
                errors.Add(ImportError.WholeBatch, ImportError.WholeRecord, command.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ImportErrorCode.BatchTooLarge, $"a batch holds at most {MaxRows} items; split it.", MaxRows.ToString(CultureInfo.InvariantCulture));
                return FileImportResult.Rejected(label, command.Kind, command.Items.Count, errors);
            }

            using var source = new JsonBatchSource(command.Items, command.Kind);
            return await engine.ImportAsync(source, label, command.Kind, $"collector:{command.CollectorName}", null, cancellationToken);
        }
    }
}
