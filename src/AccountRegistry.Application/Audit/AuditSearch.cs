using System.Runtime.CompilerServices;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Audit;
using AccountRegistry.Domain.Common;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Audit;

/// <summary>
/// 审计日志: the append-only history searched by actor, action, entity and date, newest first, paged in SQL. Admins
/// and reviewers only. A reviewer sees the entries of units in their district; entries that concern no unit
/// (system settings, user administration) are for administrators.
/// </summary>
public static class AuditSearch
{
    public sealed record Query
    {
        /// <summary>Part of the actor's user name.</summary>
        public string? Actor { get; init; }

        /// <summary>An action code or its start ("review." finds every review decision).</summary>
        public string? Action { get; init; }

        public string? EntityType { get; init; }

        public string? EntityId { get; init; }

        /// <summary>First Shanghai day included.</summary>
        public DateOnly? From { get; init; }

        /// <summary>Last Shanghai day included.</summary>
        public DateOnly? To { get; init; }

        /// <summary>Words in the summary.</summary>
        public string? Text { get; init; }

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = 50;
    }

    public sealed record Row(long Id, DateTimeOffset At, string Actor, string Action, string? EntityType, string? EntityId, int? UnitId, string? UnitName, string? Summary, string? Details);

    public const int MaxPageSize = 200;

    public static bool MaySearch(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Meets(Policies.District);
    }

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts)
    {
        public async Task<PagedResult<Row>> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var page = Math.Max(1, query.Page);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var entries = Filter(db, query, scope);
            var total = await entries.CountAsync(cancellationToken);
            var rows = await Project(db, entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id))
                .Skip((page - 1) * pageSize).Take(pageSize)
                .ToListAsync(cancellationToken);
            return new PagedResult<Row>(rows, total, page, pageSize);
        }

        /// <summary>Every entry of the search, newest first (the .xlsx export), streamed.</summary>
        public async IAsyncEnumerable<Row> StreamAsync(Query query, UserScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(query);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var entries = Filter(db, query, scope).OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
            await foreach (var row in Project(db, entries).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return row;
            }
        }

        private static IQueryable<AuditEntry> Filter(RegistryDbContext db, Query query, UserScope scope)
        {
            if (!MaySearch(scope))
            {
                throw new UnauthorizedAccessException($"{scope.UserName} may not read the audit history.");
            }

            var entries = db.AuditEntries.AsNoTracking();
            if (!scope.SeesEverything)
            {
                var prefix = scope.VisiblePathPrefix;
                var withoutUnit = scope.IsAdmin;
                entries = entries.Where(e => e.UnitId == null
                    ? withoutUnit
                    : db.Units.Any(u => u.Id == e.UnitId && u.Path.StartsWith(prefix)));
            }

            if (!string.IsNullOrWhiteSpace(query.Actor))
            {
                var pattern = SearchPattern.Contains(query.Actor);
                entries = entries.Where(e => EF.Functions.ILike(e.Actor, pattern, "\\"));
            }

            if (!string.IsNullOrWhiteSpace(query.Action))
            {
                var pattern = SearchPattern.StartsWith(query.Action);
                entries = entries.Where(e => EF.Functions.ILike(e.Action, pattern, "\\"));
            }

            if (!string.IsNullOrWhiteSpace(query.EntityType))
            {
                var type = SearchPattern.Clean(query.EntityType);
                entries = entries.Where(e => e.EntityType == type);
            }

            if (!string.IsNullOrWhiteSpace(query.EntityId))
            {
                var id = SearchPattern.Clean(query.EntityId);
                entries = entries.Where(e => e.EntityId == id);
            }

            // The calendar's first and last days have no instant before or after them (the offset would overflow):
            // such a bound excludes nothing, so it is left out.
            if (query.From is { } from && from > DateOnly.MinValue.AddDays(1))
            {
                var start = ShanghaiCalendar.StartOf(from).ToUniversalTime();
                entries = entries.Where(e => e.At >= start);
            }

            if (query.To is { } to && to < DateOnly.MaxValue.AddDays(-1))
            {
                var end = ShanghaiCalendar.EndOf(to).ToUniversalTime();
                entries = entries.Where(e => e.At < end);
            }

            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var pattern = SearchPattern.Contains(query.Text);
                entries = entries.Where(e => e.Summary != null && EF.Functions.ILike(e.Summary, pattern, "\\"));
            }

            return entries;
        }

        private static IQueryable<Row> Project(RegistryDbContext db, IQueryable<AuditEntry> entries) =>
            entries.Select(e => new Row(
                e.Id,
                e.At,
                e.Actor,
                e.Action,
                e.EntityType,
                e.EntityId,
                e.UnitId,
                db.Units.Where(u => u.Id == e.UnitId).Select(u => u.Name).FirstOrDefault(),
                e.Summary,
                e.Details));
    }
}
