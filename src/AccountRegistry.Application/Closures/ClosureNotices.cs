using AccountRegistry.Domain.Closures;
using AccountRegistry.Infrastructure.Persistence;

namespace AccountRegistry.Application.Closures;

/// <summary>The generated closing notice of a request, from its account, unit, planned last day and hub.</summary>
public static class ClosureNotices
{
    /// <summary>Null for an opening (there is nothing to announce). The request must come with its unit and account loaded.</summary>
    public static async Task<string?> ComposeAsync(RegistryDbContext db, ClosureRequest request, DateOnly issuedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Kind.EndsAccount())
        {
            return null;
        }

        var unit = request.Unit ?? throw new InvalidOperationException("Load the request's unit before composing its notice.");
        var account = request.Account ?? throw new InvalidOperationException("Load the request's account before composing its notice.");
        var hubs = await ClosureHubs.OfCountyAsync(db, unit.Id, cancellationToken);
        var hub = request.Kind == ClosureKind.Merge
            ? hubs.FirstOrDefault(h => h.Id == request.MergeTargetAccountId)
            : ClosureHubs.DefaultFor(hubs, account.Platform);

        return ClosingNotice.Compose(new ClosingNoticeFacts(
            account.Name,
            account.Platform,
            unit.Name,
            request.PlannedLastPostOn ?? issuedOn,
            issuedOn,
            request.Kind == ClosureKind.Merge,
            hub?.Name,
            hub?.Platform,
            request.AccountProvidesServices ? request.ServiceTakeover : null));
    }
}
