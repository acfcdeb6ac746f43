using System.Diagnostics;
using AccountRegistry.Application.Common;
using AccountRegistry.Application.Imports;
using AccountRegistry.Application.Imports.Generation;
using Microsoft.Extensions.DependencyInjection;

namespace AccountRegistry.Application.Tests.Imports;

[CollectionDefinition(nameof(LargeImportCollection), DisableParallelization = true)]
public sealed class LargeImportCollection;

/// <summary>
/// A generated data set of a few hundred thousand rows imports completely while the process's working set stays
/// far below the size of the files: the importer streams, it does not hold the file. Runs alone, so other test
/// classes do not add to the working set it samples.
/// </summary>
[Collection(nameof(LargeImportCollection))]
public sealed class LargeImportTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    /// <summary>Generous: the posts file alone is over 100 MB (over 200 MB as .NET strings); streaming needs a few tens of MB.</summary>
    private const long MaxGrowthBytes = 160L * 1024 * 1024;

    [Fact]
    public async Task Import_GeneratedDataSetOfHundredsOfThousandsOfRows_StoresAllRowsWithBoundedMemory()
    {
        var directory = Directory.CreateTempSubdirectory("ar-large-");
        try
        {
            var summary = SyntheticDataSet.Write(directory.FullName, new SyntheticDataSet.Options(Accounts: 1_800, Seed: 11));
            Assert.True(summary.Posts >= 200_000, $"only {summary.Posts} posts generated");
            var postsFileBytes = new FileInfo(Path.Combine(directory.FullName, "posts.csv")).Length;

            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var baseline = process.WorkingSet64;
            var sampler = new WorkingSetSampler(process);

            await using var scope = fixture.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ImportFiles.Handler>().HandleAsync(
                ImportFiles.FromDirectory(directory.FullName), UserScope.System, sampler, cancellationToken: TestContext.Current.CancellationToken);

            Assert.True(result.Succeeded, string.Join("; ", result.Files.SelectMany(f => f.Errors).Take(5)));
            Assert.Equal(summary.Units, await fixture.ScalarAsync("SELECT count(*) FROM units"));
            Assert.Equal(summary.Accounts, await fixture.ScalarAsync("SELECT count(*) FROM accounts"));
            Assert.Equal(summary.Posts, await fixture.ScalarAsync("SELECT count(*) FROM posts"));
            Assert.Equal(summary.Snapshots, await fixture.ScalarAsync("SELECT count(*) FROM read_snapshots"));
            var growth = sampler.Peak - baseline;
            Assert.True(sampler.Samples > 10, "the working set was sampled too rarely to mean anything");
            Assert.True(growth < MaxGrowthBytes, $"working set grew by {growth / 1048576} MB while importing a {postsFileBytes / 1048576} MB posts file");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Samples the working set whenever the importer reports progress (every 25,000 rows and at each phase).</summary>
    private sealed class WorkingSetSampler(Process process) : IProgress<ImportProgress>
    {
        public long Peak { get; private set; }

        public int Samples { get; private set; }

        public void Report(ImportProgress value)
        {
            process.Refresh();
            Peak = Math.Max(Peak, process.WorkingSet64);
            Samples++;
        }
    }
}
