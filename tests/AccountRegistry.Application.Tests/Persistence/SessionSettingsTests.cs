using AccountRegistry.Infrastructure;
using AccountRegistry.Infrastructure.Persistence;
using AccountRegistry.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccountRegistry.Application.Tests.Persistence;

public sealed class SessionSettingsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task AppSessions_RunWithoutJit_ThroughEfCoreAndTheRawConnection()
    {
        await using var services = AppServices.Build(fixture.ConnectionString, TimeProvider.System);

        await using var db = await services.GetRequiredService<IDbContextFactory<RegistryDbContext>>()
            .CreateDbContextAsync(TestContext.Current.CancellationToken);
        var throughEf = await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"")
            .SingleAsync(TestContext.Current.CancellationToken);
        var throughRaw = await JitOfAsync(services.GetRequiredService<RegistryConnection>().ConnectionString);

        Assert.Equal("off", throughEf);
        Assert.Equal("off", throughRaw);
        Assert.Equal("on", await JitOfAsync(fixture.ConnectionString));
    }

    [Fact]
    public async Task OperatorsOwnJitSetting_IsKept_AndOtherOptionsStay()
    {
        var own = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Options = "-c jit=on" }.ConnectionString;
        var other = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Options = "-c work_mem=7MB" }.ConnectionString;

        Assert.Equal("on", await JitOfAsync(SessionSettings.Apply(own)));
        Assert.Equal("off", await JitOfAsync(SessionSettings.Apply(other)));
        await using var connection = new NpgsqlConnection(SessionSettings.Apply(other));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting('work_mem')", connection);
        Assert.Equal("7MB", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<string?> JitOfAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting('jit')", connection);
        return (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
