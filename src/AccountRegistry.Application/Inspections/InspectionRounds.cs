using AccountRegistry.Application.Audit;
using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Infrastructure.Identity;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Inspections;

/// <summary>
/// What every round use case shares: only reviewers and administrators work on rounds, a round is theirs when all
/// of its units lie in their scope (another district's round answers "not found"), and a change is saved against
/// the round's xmin as the reviewer saw it and audited in the same save.
/// </summary>
internal static class InspectionRounds
{
    public static void EnsureMayInspect(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.Meets(Policies.District))
        {
            throw new UnauthorizedAccessException("Only reviewers and administrators run inspection rounds.");
        }
    }

    public static async Task<InspectionRound> LoadAsync(RegistryDbContext db, long roundId, UserScope scope, uint? expectedVersion, CancellationToken cancellationToken)
    {
        EnsureMayInspect(scope);
        var round = await FindInScopeAsync(db, roundId, scope, cancellationToken);

        if (expectedVersion is { } version)
        {
            if (round.Version != version)
            {
                throw new RoundException(RoundError.Conflict, $"Round {roundId} was changed meanwhile.");
            }

            db.Entry(round).Property(r => r.Version).OriginalValue = version;
        }

        return round;
    }

    /// <summary>
    /// A round to read (its 通报): reviewers and administrators as <see cref="LoadAsync"/>; leaders too, read-only and only
    /// once it is published (an unpublished round answers "not found" to them, like a round outside their scope).
    /// </summary>
    public static async Task<InspectionRound> LoadForReadingAsync(RegistryDbContext db, long roundId, UserScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.IsInAnyRole(Roles.Leader) || scope.Meets(Policies.District))
        {
            return await LoadAsync(db, roundId, scope, null, cancellationToken);
        }

        var round = await FindInScopeAsync(db, roundId, scope, cancellationToken);
        return round.State == RoundState.Published ? round : throw new NotFoundOrForbiddenException($"Round {roundId} was not found.");
    }

    /// <summary>Leaders (and nobody else but reviewers and administrators) read the published rounds.</summary>
    public static bool ReadsPublishedOnly(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Meets(Policies.District))
        {
            return false;
        }

        return scope.IsInAnyRole(Roles.Leader) ? true : throw new UnauthorizedAccessException("Only reviewers, administrators and leaders read inspection rounds.");
    }

    public static async Task SaveAsync(RegistryDbContext db, InspectionRound round, UserScope scope, DateTimeOffset now, string action, object details, CancellationToken cancellationToken)
    {
        AuditLog.Append(db, now, scope.UserName, action, "inspection_round", round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            summary: $"{round.Title}: {action}", details: details);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RoundException(RoundError.Conflict, $"Round {round.Id} was changed meanwhile.");
        }
    }

    private static async Task<InspectionRound> FindInScopeAsync(RegistryDbContext db, long roundId, UserScope scope, CancellationToken cancellationToken)
    {
        var round = await db.InspectionRounds.FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new NotFoundOrForbiddenException($"Round {roundId} was not found.");
        var visible = await db.Units.VisibleTo(scope).CountAsync(u => round.UnitIds.Contains(u.Id), cancellationToken);
        return visible == round.UnitIds.Length ? round : throw new NotFoundOrForbiddenException($"Round {roundId} was not found.");
    }
}
