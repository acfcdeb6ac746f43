using AccountRegistry.Cli;

namespace AccountRegistry.Application.Tests.Duplicates;

public sealed class FingerprintCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Fingerprint_ProcessesPendingPosts_ReportsProgressOnStderr_AndContinuesWhereItStopped()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        var b = await world.AccountAsync(world.Lianhua, "莲花优生活");
        await world.PostAsync(a, DuplicateWorld.Day(11, 1), Stories.GarbageSorting);
        await world.PostAsync(b, DuplicateWorld.Day(11, 2), Stories.GarbageSortingTraditional);

        var first = await RunAsync("--connection", world.ConnectionString, "fingerprint");
        var again = await RunAsync("--connection", world.ConnectionString, "fingerprint");
        var rebuild = await RunAsync("--connection", world.ConnectionString, "fingerprint", "--rebuild");

        Assert.Equal(0, first.Exit);
        Assert.Contains("2 posts lack a current fingerprint", first.Error, StringComparison.Ordinal);
        Assert.Contains("Fingerprinted 2 posts", first.Output, StringComparison.Ordinal);
        Assert.Contains("1 near-duplicate pairs confirmed", first.Output, StringComparison.Ordinal);
        Assert.Contains("0 posts lack a current fingerprint", again.Error, StringComparison.Ordinal);
        Assert.Contains("Fingerprinted 0 posts", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, rebuild.Exit);
        Assert.Contains("Fingerprinted 2 posts", rebuild.Output, StringComparison.Ordinal);
        Assert.Single(await world.PairsAsync());
    }

    [Fact]
    public async Task Fingerprint_OnePendingPost_IsCountedInTheSingular()
    {
        await using var world = await DuplicateWorld.CreateAsync();
        var a = await world.AccountAsync(world.Wangyue, "望岳优生活");
        await world.PostAsync(a, DuplicateWorld.Day(11, 1), Stories.GarbageSorting);

        var (exit, _, error) = await RunAsync("--connection", world.ConnectionString, "fingerprint");

        Assert.Equal(0, exit);
        Assert.Contains("1 post lacks a current fingerprint", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fingerprint_WithAnUnknownOption_IsAUsageError()
    {
        await using var world = await DuplicateWorld.CreateAsync();

        var (exit, _, error) = await RunAsync("--connection", world.ConnectionString, "fingerprint", "--rebuilt");

        Assert.Equal(2, exit);
        Assert.Contains("--rebuilt", error, StringComparison.Ordinal);
    }
}
