using AccountRegistry.Application.Common;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Closures;
using AccountRegistry.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AccountRegistry.Application.Closures;

/// <summary>
/// 新开账号申请: a clerk asks to open an account for a unit of their subtree. The request records which of the
/// policy's rules the opening would break ("one unit, one account per platform"; "no accounts below county level in
/// principle"); the reviewer decides.
/// </summary>
public static class FileOpeningRequest
{
    public sealed record Command(int UnitId, Platform? Platform, string? ProposedName, string? Justification, bool Submit);

    public sealed class Handler(ClosureWorkflow workflow)
    {
        public Task<int> HandleAsync(Command command, UserScope scope, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(scope);
            return workflow.CreateAsync(scope, async (db, actor, now) =>
            {
                if (!actor.IsClerk)
                {
                    throw new ClosureException(ClosureError.NotAllowedForRole, "Only a clerk files a request to open an account.");
                }

                var check = await CheckAsync(db, command.UnitId, command.Platform, scope, cancellationToken);
                var request = ClosureRequest.FileOpening(
                    actor, new OpeningDetails(command.UnitId, command.Platform, command.ProposedName, command.Justification), check, now, workflow.Deadlines);
                if (command.Submit)
                {
                    request.Submit(actor, now, workflow.Deadlines);
                }

                return request;
            }, cancellationToken);
        }
    }

    /// <summary>The policy check of an opening for a unit the user may see (else "not found").</summary>
    public static async Task<OpeningCheck> CheckAsync(RegistryDbContext db, int unitId, Platform? platform, UserScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var unit = await db.Units.AsNoTracking().VisibleTo(scope).Where(u => u.Id == unitId)
            .Select(u => new { u.Id, u.Level })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundOrForbiddenException($"Unit {unitId} was not found.");
        int? sibling = platform is { } p
            ? await db.Accounts.AsNoTracking()
                .Where(a => a.UnitId == unit.Id && a.Platform == p && a.Status == AccountStatus.Active)
                .OrderBy(a => a.Id)
                .Select(a => (int?)a.Id)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return OpeningCheck.Evaluate(unit.Level, sibling);
    }
}
