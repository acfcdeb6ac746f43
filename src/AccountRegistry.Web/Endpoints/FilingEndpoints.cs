using System.Collections.Concurrent;
using AccountRegistry.Application.Filings;
using AccountRegistry.Infrastructure.Identity;

namespace AccountRegistry.Web.Endpoints;

/// <summary>
/// The reconcile page's results, kept in memory for an hour so that the corrections sheet downloads by link (no
/// script needed). Only the user who ran the reconcile can fetch it.
/// </summary>
public sealed class ReconcileResults(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, Entry> results = new();

    private sealed record Entry(string Owner, DateTimeOffset Expires, ReconcileFilings.Result Result);

    public Guid Add(string owner, ReconcileFilings.Result result)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in results.Where(r => r.Value.Expires < now).Select(r => r.Key).ToList())
        {
            results.TryRemove(expired, out _);
        }

        var id = Guid.NewGuid();
        results[id] = new Entry(owner, now + Lifetime, result);
        return id;
    }

    public ReconcileFilings.Result? Get(Guid id, string user) =>
        results.TryGetValue(id, out var entry) && entry.Expires >= clock.GetUtcNow() && string.Equals(entry.Owner, user, StringComparison.Ordinal)
            ? entry.Result
            : null;
}

public static class FilingEndpoints
{
    public static IEndpointRouteBuilder MapFilingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/filings/reconcile/{id:guid}.xlsx", async (Guid id, HttpContext context, ReconcileResults results, CancellationToken cancellationToken) =>
        {
            var result = results.Get(id, context.User.Identity?.Name ?? string.Empty);
            if (result is null)
            {
                return Results.NotFound();
            }

            var stream = new MemoryStream();
            await FilingCorrections.WriteXlsxAsync(result, stream, cancellationToken);
            stream.Position = 0;
            return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "filing-corrections.xlsx");
        }).RequireAuthorization(Policies.District);
        return endpoints;
    }
}
