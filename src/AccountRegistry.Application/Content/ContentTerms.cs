using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Content;
using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AccountRegistry.Application.Content;

/// <summary>
/// The county's lists (official names with wrong forms, banned phrases, allowed domains): read by every signed-in
/// role that reviews content, edited by Admins only. Every edit is an audit line (the lists' history) and re-checks
/// the stored posts in the background.
/// </summary>
public static class ContentTerms
{
    public const string AuditEntityType = "content_term";

    public sealed record Row(int Id, ContentTermKind Kind, string Term, IReadOnlyList<string> WrongForms, string? Note, DateTimeOffset UpdatedAt, string UpdatedBy, uint Version);

    /// <param name="Id">Null to add an entry.</param>
    /// <param name="ExpectedVersion">The version the editor loaded (null when adding).</param>
    public sealed record SaveCommand(int? Id, ContentTermKind Kind, string Term, IReadOnlyList<string> WrongForms, string? Note, uint? ExpectedVersion);

    public sealed record HistoryEntry(DateTimeOffset At, string Actor, string Action, string? Summary);

    public sealed class Handler(IDbContextFactory<RegistryDbContext> contexts, RegistryConnection connection, ContentRecheck recheck, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Row>> ListAsync(ContentTermKind kind, UserScope scope, CancellationToken cancellationToken = default)
        {
            EnsureMayRead(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.ContentTerms.AsNoTracking()
                .Where(t => t.Kind == kind)
                .OrderBy(t => t.Term)
                .Select(t => new Row(t.Id, t.Kind, t.Term, t.WrongForms, t.Note, t.UpdatedAt, t.UpdatedBy, t.Version))
                .ToListAsync(cancellationToken);
        }

        public async Task<Row> SaveAsync(SaveCommand command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            EnsureAdmin(scope);
            var (term, wrongForms, problems) = ContentTermRules.Clean(command.Kind, command.Term, command.WrongForms);
            if (problems.Count > 0)
            {
                throw ContentTermInvalidException.From(null, problems);
            }

            var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
            var now = clock.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.ContentTerms.AnyAsync(t => t.Kind == command.Kind && t.Term == term && t.Id != (command.Id ?? 0), cancellationToken))
            {
                throw ContentTermInvalidException.From(null, [new ContentTermRules.Problem("term", $"'{term}' is already on the list")]);
            }

            ContentTerm entity;
            string action;
            object before;
            if (command.Id is { } id)
            {
                entity = await db.ContentTerms.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
                    ?? throw new ContentTermConflictException("The entry was removed by someone else meanwhile.");
                if (command.ExpectedVersion is { } expected && entity.Version != expected)
                {
                    throw new ContentTermConflictException();
                }

                before = new { term = entity.Term, wrong_forms = entity.WrongForms.ToArray(), note = entity.Note };
                action = "content_term.updated";
            }
            else
            {
                entity = new ContentTerm { Kind = command.Kind, Term = term, UpdatedBy = scope.UserName };
                db.ContentTerms.Add(entity);
                before = new { };
                action = "content_term.created";
            }

            entity.Term = term;
            entity.WrongForms = wrongForms;
            entity.Note = note;
            entity.UpdatedAt = now;
            entity.UpdatedBy = scope.UserName;
            if (command.Id is not null && command.ExpectedVersion is { } version)
            {
                db.Entry(entity).Property(t => t.Version).OriginalValue = version;
            }

            // The entry and its history line commit together.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw new ContentTermConflictException("The entry was changed by someone else meanwhile.", ex);
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex))
            {
                throw ContentTermInvalidException.From(null, [new ContentTermRules.Problem("term", $"'{term}' is already on the list")]);
            }

            AuditLog.Append(db, now, scope.UserName, action, AuditEntityType, entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                summary: $"{command.Kind.ToCode()}: {term}" + (wrongForms.Count > 0 ? $" ≠ {string.Join("、", wrongForms)}" : string.Empty),
                details: new { kind = command.Kind.ToCode(), before, after = new { term, wrong_forms = wrongForms, note } });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await ListsChangedAsync(cancellationToken);
            return new Row(entity.Id, entity.Kind, entity.Term, entity.WrongForms, entity.Note, entity.UpdatedAt, entity.UpdatedBy, entity.Version);
        }

        public async Task DeleteAsync(int id, uint expectedVersion, UserScope scope, CancellationToken cancellationToken = default)
        {
            EnsureAdmin(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var entity = await db.ContentTerms.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
                ?? throw new ContentTermConflictException("The entry was removed by someone else meanwhile.");
            if (entity.Version != expectedVersion)
            {
                throw new ContentTermConflictException();
            }

            db.ContentTerms.Remove(entity);
            AuditLog.Append(db, clock.GetUtcNow(), scope.UserName, "content_term.deleted", AuditEntityType, id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                summary: $"{entity.Kind.ToCode()}: {entity.Term}",
                details: new { kind = entity.Kind.ToCode(), before = new { term = entity.Term, wrong_forms = entity.WrongForms.ToArray(), note = entity.Note } });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw new ContentTermConflictException("The entry was changed by someone else meanwhile.", ex);
            }

            await ListsChangedAsync(cancellationToken);
        }

        /// <summary>The lists' history, newest first.</summary>
        public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(UserScope scope, int take = 100, CancellationToken cancellationToken = default)
        {
            EnsureMayRead(scope);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == AuditEntityType || e.Action == ContentTermSpreadsheet.ImportAction)
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Take(take)
                .Select(e => new HistoryEntry(e.At, e.Actor, e.Action, e.Summary))
                .ToListAsync(cancellationToken);
        }

        /// <summary>Queues every stored post and wakes the background re-check.</summary>
        internal async Task ListsChangedAsync(CancellationToken cancellationToken)
        {
            await ContentRecheck.QueueAllAsync(connection, cancellationToken);
            recheck.Wake();
        }
    }

    /// <summary>Reviewers and Leaders read the lists a finding refers to; only Admins change them.</summary>
    public static void EnsureMayRead(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.Meets(Policies.DistrictAndLeaders))
        {
            throw new NotFoundOrForbiddenException("The content lists are not open to this user.");
        }
    }

    public static void EnsureAdmin(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.Meets(Policies.Admins))
        {
            throw new NotFoundOrForbiddenException("Only an administrator may change the content lists.");
        }
    }

    internal static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
