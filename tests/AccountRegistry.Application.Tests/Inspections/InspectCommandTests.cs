using System.Text.Json;
using AccountRegistry.Cli;
using AccountRegistry.TestSupport;

namespace AccountRegistry.Application.Tests.Inspections;

/// <summary>`registry inspect --as-of YYYY-MM-DD [--json]`'s arguments: every bad one is a usage error (exit 2), never a crash.</summary>
public sealed class InspectCommandTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["--connection", fixture.ConnectionString, "inspect", .. args], output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--as-of")]
    [InlineData("--as-of", "2026-02-30")]
    [InlineData("--as-of", "2026-2-3")]
    [InlineData("--as-of", "23/11/2026")]
    [InlineData("--as-of", "2026-11-23", "--jsn")]
    [InlineData("--as-of", "2026-11-23", "extra")]
    [InlineData("--as-of", "0001-01-01")] // P and the rules' window would begin before the first day there is
    [InlineData("--as-of", "9999-12-31")] // the end of T and the reply deadlines would fall after the last
    public async Task Inspect_BadArguments_ExitWithCode2AndTheUsage(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("usage: registry inspect", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1000-01-01")]
    [InlineData("8999-12-31")]
    public async Task Inspect_FarFromToday_InspectsWhatThereIsThen(string asOf)
    {
        var (exit, output, error) = await RunAsync("--as-of", asOf, "--json");

        Assert.True(exit == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(asOf, json.RootElement.GetProperty("as_of").GetString());
    }
}
