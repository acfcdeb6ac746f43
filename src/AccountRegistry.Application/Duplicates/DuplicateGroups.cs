using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AccountRegistry.Application.Duplicates;

/// <summary>
/// 重复稿件: the county's duplicate groups, newest first, filtered and paged in SQL.
/// </summary>
/// <remarks>
/// A group is a source post and the posts that copy it. Near-duplication is not transitive (C may copy B, which
/// copies A, while C and A are under the threshold), so each copying post is put in exactly one group: that of the
/// earliest post it copies (by publication time, then post id), which is its source. A post that copies nothing is a
/// source; a post can be the source of one group and a copy in an earlier group. "Newest first" orders groups by the
/// source's publication time; the date filter applies to the source's Shanghai day. A group is listed when at least
/// one of its posts is visible to the user and, when filtered, on an account of the chosen unit's subtree and
/// platform; it shows only the posts the user may see (a source outside the user's scope is flagged, not shown).
/// </remarks>
public static class DuplicateGroups
{
    public sealed record Query
    {
        /// <summary>The unit whose subtree's accounts a group must involve.</summary>
        public int? UnitId { get; init; }

        public Platform? Platform { get; init; }

        /// <summary>First Shanghai day of the source's publication, inclusive.</summary>
        public DateOnly? From { get; init; }

        /// <summary>Last Shanghai day of the source's publication, inclusive.</summary>
        public DateOnly? To { get; init; }

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = 20;
    }

    public sealed record Member(
        long PostId,
        int AccountId,
        string AccountName,
        Platform Platform,
        string UnitName,
        DateTimeOffset PublishedAt,
        string? Title,
        double? Similarity);

    /// <param name="Source">Null when the source lies outside the user's scope.</param>
    /// <param name="Copies">The visible copies, earliest first, each with its similarity to the source.</param>
    public sealed record Group(long SourcePostId, DateTimeOffset SourcePublishedAt, Member? Source, IReadOnlyList<Member> Copies)
    {
        public int AccountCount => Copies.Select(c => c.AccountId).Append(Source?.AccountId ?? -1).Where(id => id >= 0).Distinct().Count();
    }

    public const int MaxPageSize = 100;

    /// <summary>Each copying post with its group's source: the earliest post it copies.</summary>
    private const string GroupOfCopySql =
        """
        SELECT DISTINCT ON (d.post_id) d.post_id, d.source_post_id AS source_id, d.similarity
        FROM near_duplicates d
        JOIN posts s ON s.id = d.source_post_id
        JOIN posts c ON c.id = d.post_id
        WHERE (s.published_at, s.id) < (c.published_at, c.id)
        ORDER BY d.post_id, s.published_at, s.id
        """;

    /// <summary>The sources of the listed groups with their time and the number of listed groups (unordered, unpaged).</summary>
    private const string SourcesSql =
        $"""
        WITH copy_group AS ({GroupOfCopySql}),
        member AS (
            SELECT source_id, post_id FROM copy_group
            UNION
            SELECT source_id, source_id FROM copy_group
        ),
        listed AS (
            SELECT m.source_id
            FROM member m
            JOIN posts p ON p.id = m.post_id
            JOIN accounts a ON a.id = p.account_id
            JOIN units u ON u.id = a.unit_id
            WHERE starts_with(u.path, @scope)
              AND (@unit::text IS NULL OR starts_with(u.path, @unit::text))
              AND (@platform::text IS NULL OR a.platform = @platform::text)
            GROUP BY m.source_id
        )
        SELECT s.id, s.published_at, count(*) OVER () AS total
        FROM listed l
        JOIN posts s ON s.id = l.source_id
        WHERE (@from::timestamptz IS NULL OR s.published_at >= @from::timestamptz)
          AND (@to::timestamptz IS NULL OR s.published_at < @to::timestamptz)
        """;

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<PagedResult<Group>> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            ArgumentNullException.ThrowIfNull(scope);
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var page = Math.Max(1, query.Page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);

            string? unitPrefix = null;
            if (query.UnitId is { } unitId)
            {
                // A unit outside the user's scope filters to nothing rather than widening the scope.
                unitPrefix = await db.Units.AsNoTracking().VisibleTo(scope).Where(u => u.Id == unitId).Select(u => u.Path)
                    .FirstOrDefaultAsync(cancellationToken) ?? "/__nothing__/";
            }

            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);

            var (roots, total) = await PageOfSourcesAsync(connection, query, scope, unitPrefix, page, pageSize, cancellationToken);
            if (roots.Count == 0)
            {
                return new PagedResult<Group>([], total, page, pageSize);
            }

            var members = await MembersAsync(connection, [.. roots.Select(r => r.Id)], scope, cancellationToken);
            var groups = roots.Select(root =>
            {
                var ofRoot = members.Where(m => m.SourceId == root.Id).ToList();
                var source = ofRoot.FirstOrDefault(m => m.Member.PostId == root.Id)?.Member;
                var copies = ofRoot.Where(m => m.Member.PostId != root.Id).Select(m => m.Member)
                    .OrderBy(m => m.PublishedAt).ThenBy(m => m.PostId).ToList();
                return new Group(root.Id, root.PublishedAt, source, copies);
            }).ToList();
            return new PagedResult<Group>(groups, total, page, pageSize);
        }

        private static async Task<(List<(long Id, DateTimeOffset PublishedAt)> Roots, int Total)> PageOfSourcesAsync(
            NpgsqlConnection connection, Query query, UserScope scope, string? unitPrefix, int page, int pageSize, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(
                $"""
                {SourcesSql}
                ORDER BY s.published_at DESC, s.id DESC
                OFFSET @offset LIMIT @limit
                """,
                connection);
            command.Parameters.AddWithValue("scope", scope.VisiblePathPrefix);
            command.Parameters.Add(new NpgsqlParameter("unit", NpgsqlDbType.Text) { Value = (object?)unitPrefix ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("platform", NpgsqlDbType.Text) { Value = (object?)query.Platform?.ToCode() ?? DBNull.Value });
            // The calendar's first and last days have no UTC instant at their Shanghai edges: they mean "no bound".
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz)
            {
                Value = query.From is { } from && from > DateOnly.MinValue.AddDays(1) ? ShanghaiCalendar.StartOf(from).ToUniversalTime() : DBNull.Value,
            });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz)
            {
                Value = query.To is { } to && to < DateOnly.MaxValue.AddDays(-1) ? ShanghaiCalendar.EndOf(to).ToUniversalTime() : DBNull.Value,
            });
            command.Parameters.AddWithValue("offset", (page - 1) * pageSize);
            command.Parameters.AddWithValue("limit", pageSize);

            var roots = new List<(long, DateTimeOffset)>();
            var total = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    roots.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)));
                    total = (int)reader.GetInt64(2);
                }
            }

            if (roots.Count == 0 && page > 1)
            {
                // Past the last page: the window count is unavailable, so count separately.
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM ({SourcesSql}) x", connection);
                foreach (NpgsqlParameter parameter in command.Parameters)
                {
                    count.Parameters.Add(parameter.Clone());
                }

                total = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
            }

            return (roots, total);
        }

        private sealed record MemberRow(long SourceId, Member Member);

        /// <summary>The visible posts of the given groups: each source and the posts whose earliest source it is.</summary>
        private static async Task<List<MemberRow>> MembersAsync(NpgsqlConnection connection, long[] sourceIds, UserScope scope, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(
                """
                WITH copy_group AS (
                    SELECT d.post_id, d.source_post_id AS source_id, d.similarity
                    FROM near_duplicates d
                    JOIN posts s ON s.id = d.source_post_id
                    JOIN posts c ON c.id = d.post_id
                    WHERE d.source_post_id = ANY(@sources)
                      AND (s.published_at, s.id) < (c.published_at, c.id)
                      AND NOT EXISTS (
                          SELECT 1 FROM near_duplicates e JOIN posts es ON es.id = e.source_post_id
                          WHERE e.post_id = d.post_id AND (es.published_at, es.id) < (s.published_at, s.id))
                ),
                member AS (
                    SELECT source_id, post_id, similarity FROM copy_group
                    UNION ALL
                    SELECT id, id, NULL FROM unnest(@sources) AS id
                )
                SELECT m.source_id, m.post_id, m.similarity, p.published_at, p.title, a.id, a.name, a.platform, u.name
                FROM member m
                JOIN posts p ON p.id = m.post_id
                JOIN accounts a ON a.id = p.account_id
                JOIN units u ON u.id = a.unit_id
                WHERE starts_with(u.path, @scope)
                """,
                connection);
            command.Parameters.AddWithValue("sources", sourceIds);
            command.Parameters.AddWithValue("scope", scope.VisiblePathPrefix);
            var rows = new List<MemberRow>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new MemberRow(
                    reader.GetInt64(0),
                    new Member(
                        reader.GetInt64(1),
                        reader.GetInt32(5),
                        reader.GetString(6),
                        Platforms.Parse(reader.GetString(7)),
                        reader.GetString(8),
                        reader.GetFieldValue<DateTimeOffset>(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(2) ? null : reader.GetDouble(2))));
            }

            return rows;
        }
    }
}
