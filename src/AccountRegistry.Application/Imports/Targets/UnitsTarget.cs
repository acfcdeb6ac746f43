using System.Globalization;
using AccountRegistry.Application.Imports.Reading;
using AccountRegistry.Domain.Units;
using AccountRegistry.Infrastructure.Bulk;
using AccountRegistry.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Imports.Targets;

/// <summary>units.csv: code, name, level, parent_code. A parent may be in the same file or already stored.</summary>
internal sealed class UnitsTarget : ImportTarget
{
    private const int Code = 0, Name = 1, Level = 2, ParentCode = 3;

    private static readonly string[] LevelCodes = [.. Enum.GetValues<UnitLevel>().Select(l => l.ToCode())];

    public override ImportKind Kind => ImportKind.Units;

    protected override string StagingColumns => "line integer NOT NULL, code text NOT NULL, name text NOT NULL, level text NOT NULL, parent_code text";

    protected override string[] CopyColumns => ["line", "code", "name", "level", "parent_code"];

    public override bool TryStage(FieldReader row, NpgsqlBinaryImporter copy)
    {
        var code = row.Required(Code, 64);
        var name = row.Required(Name, 200, lineBreaks: true);
        var levelValid = row.Raw(Level) is not null && UnitLevels.TryParse(row.Raw(Level)?.Trim(), out _);
        var level = row.Code<UnitLevel>(Level, UnitLevels.TryParse, LevelCodes, ImportErrorCode.UnknownLevel, null);
        var parent = row.Optional(ParentCode, 64);
        if (levelValid && parent is null && level != UnitLevel.County)
        {
            row.Fail(ParentCode, null, ImportErrorCode.Required, $"parent_code is required for a {level.ToCode()} unit: only a county unit has no parent.");
        }

        if (!row.Valid)
        {
            return false;
        }

        copy.StartRow();
        copy.Write(row.Line, NpgsqlDbType.Integer);
        copy.Write(code, NpgsqlDbType.Text);
        copy.Write(name, NpgsqlDbType.Text);
        copy.Write(level.ToCode(), NpgsqlDbType.Text);
        WriteText(copy, parent);
        return true;
    }

    public override async Task CheckAsync(BulkSession session, ImportErrorList errors, CancellationToken cancellationToken)
    {
        await ReportDuplicatesAsync(session, errors, Stage, "code", "code", "s.code", "unit code", cancellationToken);
        await session.ReadAsync(
            $"""
            SELECT s.line, s.parent_code FROM {Stage} s
            WHERE s.parent_code IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM {Stage} p WHERE p.code = s.parent_code)
              AND NOT EXISTS (SELECT 1 FROM units u WHERE u.code = s.parent_code)
            ORDER BY s.line
            """,
            reader => errors.Add(reader.GetInt32(0), "parent_code", reader.GetString(1), ImportErrorCode.UnknownParent,
                $"parent unit '{reader.GetString(1)}' is neither in this file nor stored."),
            cancellationToken: cancellationToken);
    }

    public override async Task<UpsertOutcome> UpsertAsync(BulkSession session, ImportContext context, CancellationToken cancellationToken)
    {
        // New units first (parents may come later in the file), then every parent link, each only where it changes.
        await session.ExecuteAsync("CREATE TEMP TABLE import_units_touched (id integer NOT NULL, inserted boolean NOT NULL) ON COMMIT DROP", cancellationToken: cancellationToken);
        await session.ExecuteAsync(
            $"""
            WITH up AS (
                INSERT INTO units (code, name, level, path)
                SELECT code, name, level, '' FROM {Stage}
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level
                WHERE (units.name, units.level) IS DISTINCT FROM (excluded.name, excluded.level)
                RETURNING id, (xmax = 0) AS inserted)
            INSERT INTO import_units_touched SELECT id, inserted FROM up
            """,
            cancellationToken: cancellationToken);
        await session.ExecuteAsync(
            $"""
            WITH moved AS (
                UPDATE units u SET parent_id = p.id
                FROM {Stage} s LEFT JOIN units p ON p.code = s.parent_code
                WHERE u.code = s.code AND u.parent_id IS DISTINCT FROM p.id
                RETURNING u.id)
            INSERT INTO import_units_touched SELECT id, false FROM moved
            """,
            cancellationToken: cancellationToken);

        long inserted = 0, updated = 0;
        await session.ReadAsync(
            """
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)
            FROM (SELECT id, bool_or(inserted) AS inserted FROM import_units_touched GROUP BY id) t
            """,
            reader =>
            {
                inserted = reader.GetInt64(0);
                updated = reader.GetInt64(1);
            },
            cancellationToken: cancellationToken);
        return new UpsertOutcome(inserted, updated);
    }

    /// <summary>
    /// A unit whose parent chain comes back to itself. Checked over the stored tree after the upsert, because a file
    /// can close a loop through units it does not list (B stored under A, the file puts A under B).
    /// </summary>
    public override Task CheckAfterUpsertAsync(BulkSession session, ImportErrorList errors, CancellationToken cancellationToken) =>
        session.ReadAsync(
            $"""
            WITH RECURSIVE up (start_id, id) AS (
                SELECT u.id, u.parent_id FROM units u JOIN {Stage} s ON s.code = u.code WHERE u.parent_id IS NOT NULL
                UNION ALL
                SELECT up.start_id, p.parent_id FROM up JOIN units p ON p.id = up.id WHERE p.parent_id IS NOT NULL
            ) CYCLE id SET is_cycle USING trail
            SELECT s.line, s.parent_code, s.code
            FROM (SELECT DISTINCT start_id FROM up WHERE id = start_id) c
            JOIN units u ON u.id = c.start_id
            JOIN {Stage} s ON s.code = u.code
            ORDER BY s.line
            """,
            reader => errors.Add(reader.GetInt32(0), "parent_code", reader.IsDBNull(1) ? null : reader.GetString(1), ImportErrorCode.UnitCycle,
                $"unit '{reader.GetString(2)}' would become its own ancestor: the parent chain forms a cycle.",
                reader.GetString(2)),
            cancellationToken: cancellationToken);

    public override Task FinishAsync(RegistryDbContext db, CancellationToken cancellationToken) => UnitPaths.RecomputeAsync(db, cancellationToken);
}
