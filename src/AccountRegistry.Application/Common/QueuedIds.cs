using Npgsql;

namespace AccountRegistry.Application.Common;

/// <summary>
/// The background workers' batches start from a page of post ids read off their queue (the fingerprint queue, the
/// content check queue): the first column of <paramref name="command"/>'s rows, in the order the command gives.
/// </summary>
internal static class QueuedIds
{
    public static async Task<long[]> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }
}
