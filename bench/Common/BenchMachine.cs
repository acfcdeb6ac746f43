namespace AccountRegistry.Bench;

/// <summary>What a benchmark reports about where it ran, and where the repository is.</summary>
public static class BenchMachine
{
    /// <summary>The 1, 5 and 15 minute load averages: the machine is shared, figures are read against them.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The folder holding AccountRegistry.sln above the benchmark's binaries (else the current folder).</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AccountRegistry.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
