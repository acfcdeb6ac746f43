using AccountRegistry.Domain.Units;
using AccountRegistry.TestSupport;
using Npgsql;
using static AccountRegistry.Application.Tests.Rules.RulesWorld;

namespace AccountRegistry.Application.Tests.Rules;

/// <summary>
/// A run's results go with the run (what the foreign key's cascade did until migration EvaluationResultsWithoutRunKey;
/// now statement triggers): an operator clearing old runs, or the rules benchmark removing its next nights, must not
/// leave results that no run owns.
/// </summary>
public sealed class EvaluationRunDeletionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeletingRuns_DeletesTheirResultsOnly()
    {
        await using var world = await CreateAsync(fixture);
        var county = await world.UnitAsync("C", UnitLevel.County);
        foreach (var id in new[] { "gh_a", "gh_b", "gh_c" })
        {
            var account = await world.AccountAsync(county, id, @operator: null);
            await world.PostAsync(account, Shanghai(2026, 11, 20), reads: 500);
        }

        var first = (await world.EvaluateAsync(T.AddDays(-1))).EvaluationId!.Value;
        var second = (await world.EvaluateAsync(T)).EvaluationId!.Value;
        var third = (await world.EvaluateAsync(T)).EvaluationId!.Value;
        Assert.Equal(3, await ScalarAsync(world, $"SELECT count(*) FROM evaluation_results WHERE evaluation_id = {second}"));

        Assert.Equal(2, await ExecuteAsync(world, $"DELETE FROM evaluations WHERE id IN ({first}, {second})"));

        Assert.Equal(0, await ScalarAsync(world, $"SELECT count(*) FROM evaluation_results WHERE evaluation_id IN ({first}, {second})"));
        Assert.Equal(3, await ScalarAsync(world, $"SELECT count(*) FROM evaluation_results WHERE evaluation_id = {third}"));
    }

    private static async Task<long> ScalarAsync(RulesWorld world, string sql)
    {
        await using var db = new NpgsqlConnection(world.ConnectionString);
        await db.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, db);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<int> ExecuteAsync(RulesWorld world, string sql)
    {
        await using var db = new NpgsqlConnection(world.ConnectionString);
        await db.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, db);
        return await command.ExecuteNonQueryAsync(Ct);
    }
}
