using System.Globalization;
using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Content;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace AccountRegistry.Application.Content;

/// <summary>
/// The lists as an .xlsx workbook, one row per entry: kind (official_name, banned, allowed_domain), term,
/// wrong_forms (separated by ; or 、), note. Import adds new entries and updates those whose kind and term exist; it
/// removes nothing (a removal is a deliberate act on the page, with its own history line). A workbook with any
/// invalid row imports nothing and names every invalid row and field.
/// </summary>
public static class ContentTermSpreadsheet
{
    public const string ImportAction = "content_terms.imported";

    public static readonly IReadOnlyList<string> Columns = ["kind", "term", "wrong_forms", "note"];

    public sealed record ImportResult(int Rows, int Added, int Updated, int Unchanged);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, ContentTerms.Handler terms, TimeProvider clock)
    {
        public async Task ExportAsync(Stream output, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(output);
            ContentTerms.EnsureMayRead(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await db.ContentTerms.AsNoTracking().OrderBy(t => t.Kind).ThenBy(t => t.Term).ToListAsync(cancellationToken);
            var table = rows.Select(t => new Dictionary<string, object?>
            {
                ["kind"] = t.Kind.ToCode(),
                ["term"] = t.Term,
                ["wrong_forms"] = string.Join(";", t.WrongForms),
                ["note"] = t.Note,
            }).ToList();
            if (table.Count == 0)
            {
                // MiniExcel writes no header for an empty list; an empty template is still useful.
                table.Add(Columns.ToDictionary(c => c, _ => (object?)null));
            }

            await output.SaveAsAsync(table, sheetName: "content_terms", cancellationToken: cancellationToken);
        }

        public async Task<ImportResult> ImportAsync(Stream input, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(input);
            ContentTerms.EnsureAdmin(scope);
            var entries = Read(input);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var existing = await db.ContentTerms.ToListAsync(cancellationToken);
            var byKey = existing.ToDictionary(t => (t.Kind, t.Term));
            var now = clock.GetUtcNow();
            int added = 0, updated = 0, unchanged = 0;
            foreach (var entry in entries)
            {
                if (byKey.TryGetValue((entry.Kind, entry.Term), out var term))
                {
                    if (term.WrongForms.SequenceEqual(entry.WrongForms, StringComparer.Ordinal) && term.Note == entry.Note)
                    {
                        unchanged++;
                        continue;
                    }

                    term.WrongForms = entry.WrongForms;
                    term.Note = entry.Note;
                    term.UpdatedAt = now;
                    term.UpdatedBy = scope.UserName;
                    updated++;
                }
                else
                {
                    term = new ContentTerm { Kind = entry.Kind, Term = entry.Term, WrongForms = entry.WrongForms, Note = entry.Note, UpdatedAt = now, UpdatedBy = scope.UserName };
                    db.ContentTerms.Add(term);
                    byKey[(entry.Kind, entry.Term)] = term;
                    added++;
                }
            }

            AuditLog.Append(db, now, scope.UserName, ImportAction, ContentTerms.AuditEntityType, null,
                summary: string.Create(CultureInfo.InvariantCulture, $"{entries.Count} rows: {added} added, {updated} updated, {unchanged} unchanged"),
                details: new { rows = entries.Count, added, updated, unchanged, entries = entries.Select(e => new { kind = e.Kind.ToCode(), term = e.Term, wrong_forms = e.WrongForms }) });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (added + updated > 0)
            {
                await terms.ListsChangedAsync(cancellationToken);
            }

            return new ImportResult(entries.Count, added, updated, unchanged);
        }
    }

    private sealed record Entry(int Row, ContentTermKind Kind, string Term, List<string> WrongForms, string? Note);

    private static List<Entry> Read(Stream input)
    {
        var problems = new List<ContentTermInvalidException.RowProblem>();
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = [.. MiniExcel.Query(input, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            throw new ContentTermInvalidException([new(null, "file", $"cannot be read as an .xlsx workbook: {ex.Message}")]);
        }

        if (rows.Count == 0)
        {
            throw new ContentTermInvalidException([new(1, "header", $"the first sheet is empty: its first row must be the header ({string.Join(",", Columns)})")]);
        }

        // Column letters → names, from the header row.
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (letter, value) in rows[0])
        {
            var name = Text(value);
            if (name is null)
            {
                continue;
            }

            if (!Columns.Contains(name))
            {
                problems.Add(new(1, name, $"unknown column; the columns are {string.Join(", ", Columns)}"));
            }
            else if (header.ContainsValue(name))
            {
                problems.Add(new(1, name, "appears twice"));
            }
            else
            {
                header[letter] = name;
            }
        }

        foreach (var required in new[] { "kind", "term" })
        {
            if (!header.ContainsValue(required))
            {
                problems.Add(new(1, required, "column is missing"));
            }
        }

        if (problems.Count > 0)
        {
            throw new ContentTermInvalidException(problems);
        }

        var entries = new List<Entry>();
        var seen = new Dictionary<(ContentTermKind, string), int>();
        for (var i = 1; i < rows.Count; i++)
        {
            var rowNumber = i + 1;
            var cells = header.ToDictionary(h => h.Value, h => rows[i].TryGetValue(h.Key, out var v) ? Text(v) : null);
            if (cells.Values.All(v => v is null))
            {
                continue;
            }

            if (!ContentTermKinds.TryParse(cells["kind"], out var kind))
            {
                problems.Add(new(rowNumber, "kind", $"'{cells["kind"]}' is not one of official_name, banned, allowed_domain"));
                continue;
            }

            var forms = (cells.GetValueOrDefault("wrong_forms") ?? string.Empty).Split([';', '；', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var (term, wrongForms, rowProblems) = ContentTermRules.Clean(kind, cells["term"], forms);
            problems.AddRange(rowProblems.Select(p => new ContentTermInvalidException.RowProblem(rowNumber, p.Field, p.Message)));
            if (rowProblems.Count > 0)
            {
                continue;
            }

            if (seen.TryGetValue((kind, term), out var firstRow))
            {
                problems.Add(new(rowNumber, "term", $"'{term}' repeats row {firstRow}"));
                continue;
            }

            seen[(kind, term)] = rowNumber;
            entries.Add(new Entry(rowNumber, kind, term, wrongForms, cells.GetValueOrDefault("note")));
        }

        if (problems.Count > 0)
        {
            throw new ContentTermInvalidException(problems);
        }

        return entries;
    }

    private static string? Text(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
