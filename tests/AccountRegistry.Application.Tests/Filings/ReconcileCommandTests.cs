using System.Text.Json;
using AccountRegistry.Cli;

namespace AccountRegistry.Application.Tests.Filings;

/// <summary>`registry reconcile FILE [--json]` as a county's script calls it.</summary>
public sealed class ReconcileCommandTests(FilingFixture fixture) : IClassFixture<FilingFixture>
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(string content, params string[] args)
    {
        var directory = Directory.CreateTempSubdirectory("ar-reconcile-cli-");
        try
        {
            var path = Path.Combine(directory.FullName, "filings.csv");
            await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await CommandLine.RunAsync(["--connection", fixture.ConnectionString, "reconcile", path, .. args], output, error, TestContext.Current.CancellationToken);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Reconcile_Json_PrintsExactlyTheSpecShapeAndExitsZeroWithNonEmptyLists()
    {
        var (exit, output, error) = await RunAsync(FilingFixture.Filings, "--json");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["not_filed", "unknown_here", "mismatched"], root.EnumerateObject().Select(p => p.Name));
        Assert.All(root.GetProperty("not_filed").EnumerateArray().Concat(root.GetProperty("unknown_here").EnumerateArray()),
            item => Assert.Equal(["platform", "account_id"], item.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(
            ["kuaishou/ks_0", "kuaishou/ks_1", "wechat/gh_z"],
            root.GetProperty("not_filed").EnumerateArray().Select(i => $"{i.GetProperty("platform").GetString()}/{i.GetProperty("account_id").GetString()}"));
        Assert.Equal(
            ["douyin/dy_0", "toutiao/tt_9"],
            root.GetProperty("unknown_here").EnumerateArray().Select(i => $"{i.GetProperty("platform").GetString()}/{i.GetProperty("account_id").GetString()}"));
        var mismatched = root.GetProperty("mismatched").EnumerateArray().ToList();
        Assert.All(mismatched, item => Assert.Equal(["platform", "account_id", "fields"], item.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(
            ["bilibili/bl_1:filing_no", "douyin/dy_1:filing_no,name,status,unit_code"],
            mismatched.Select(i => $"{i.GetProperty("platform").GetString()}/{i.GetProperty("account_id").GetString()}:" +
                string.Join(',', i.GetProperty("fields").EnumerateArray().Select(f => f.GetString()))));
    }

    [Fact]
    public async Task Reconcile_Text_ListsTheDifferencesInWords()
    {
        var (exit, output, _) = await RunAsync(FilingFixture.Filings);

        Assert.Equal(0, exit);
        Assert.Contains("not_filed (3):", output, StringComparison.Ordinal);
        Assert.Contains("douyin dy_1  filing_no: here 'F-5', file 'F-50'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_DuplicateRows_ExitsOneNamingBothLines()
    {
        var (exit, output, error) = await RunAsync("platform,account_id,name,unit_code,filing_no,status\nwechat,gh_a,a,B-S,F,active\nwechat,gh_a,a,B-S,F,active\n", "--json");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("filings.csv:3: account_id = \"gh_a\": the same platform and account_id already appears on line 2.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_NoFile_IsAUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["--connection", fixture.ConnectionString, "reconcile"], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
    }
}
