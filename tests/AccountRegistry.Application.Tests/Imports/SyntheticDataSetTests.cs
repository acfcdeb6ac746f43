using System.Security.Cryptography;
using AccountRegistry.Application.Imports.Generation;
using AccountRegistry.Application.Tests.Imports.Reading;

namespace AccountRegistry.Application.Tests.Imports;

public sealed class SyntheticDataSetTests
{
    [Fact]
    public void Write_SameSeed_GivesByteIdenticalFiles_AndAnotherSeedDiffers()
    {
        var first = Generate(seed: 5);
        var second = Generate(seed: 5);
        var other = Generate(seed: 6);
        try
        {
            foreach (var name in new[] { "units.csv", "accounts.csv", "posts.csv", "reads.csv" })
            {
                Assert.Equal(Hash(first, name), Hash(second, name));
            }

            Assert.NotEqual(Hash(first, "posts.csv"), Hash(other, "posts.csv"));
        }
        finally
        {
            first.Delete(true);
            second.Delete(true);
            other.Delete(true);
        }
    }

    [Fact]
    public void Write_HasTheShapesTheRulesNeed()
    {
        var directory = Generate(seed: 3, accounts: 800);
        try
        {
            var units = Rows(directory, "units.csv");
            var accounts = Rows(directory, "accounts.csv");
            var posts = Rows(directory, "posts.csv");
            var reads = Rows(directory, "reads.csv");

            Assert.Equal(["county", "department", "township", "street", "village", "community"],
                new[] { "county", "department", "township", "street", "village", "community" }.Where(l => units.Any(u => u[2] == l)));
            Assert.True(accounts.Select(a => a[0]).Distinct().Count() >= 6, "several platforms");
            Assert.True(accounts.Count(a => a[7] == "true") >= 4, "a few hubs per county");
            Assert.Contains(accounts, a => a[8] == "closed");
            Assert.Contains(accounts, a => a[5].Length == 0);

            var postsPerAccount = posts.GroupBy(p => (p[0], p[1])).ToDictionary(g => g.Key, g => g.Count());
            Assert.Contains(accounts, a => !postsPerAccount.ContainsKey((a[0], a[1])));
            Assert.Contains(postsPerAccount.Values, n => n >= 250);
            Assert.InRange(posts.Count / (double)accounts.Count, 95, 140);
            Assert.Equal(posts.Count * 3, reads.Count);

            // Repost-only accounts, near-duplicate copies and copies in traditional script.
            Assert.Contains(posts.GroupBy(p => (p[0], p[1])), g => g.Count() >= 10 && g.Count(p => p[6] == "false") > g.Count() * 0.6);
            Assert.Contains(posts, p => p[5].StartsWith("转发：", StringComparison.Ordinal));
            Assert.Contains(posts, p => p[5].Contains('會', StringComparison.Ordinal) || p[5].Contains('發', StringComparison.Ordinal) || p[5].Contains('區', StringComparison.Ordinal));

            // Heavy tail: the largest read count dwarfs the median.
            var finalReads = reads.Where((_, i) => i % 3 == 2).Select(r => long.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.True(finalReads[^1] > 50 * finalReads[finalReads.Count / 2]);
        }
        finally
        {
            directory.Delete(true);
        }
    }

    private static DirectoryInfo Generate(long seed, int accounts = 300)
    {
        var directory = Directory.CreateTempSubdirectory("ar-gen-");
        SyntheticDataSet.Write(directory.FullName, new SyntheticDataSet.Options(accounts, seed));
        return directory;
    }

    private static string Hash(DirectoryInfo directory, string name) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory.FullName, name))));

    private static List<List<string>> Rows(DirectoryInfo directory, string name)
    {
        using var reader = new CsvReaderForTests(File.ReadAllText(Path.Combine(directory.FullName, name)));
        reader.Next();
        var rows = new List<List<string>>();
        while (reader.Next() is { } row)
        {
            rows.Add(row);
        }

        return rows;
    }
}
