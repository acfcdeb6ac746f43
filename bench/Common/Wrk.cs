using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AccountRegistry.Bench;

/// <summary>One wrk run (Debian's wrk) with percentiles.lua, which prints the p95 wrk itself does not.</summary>
public sealed partial record Wrk(double Rps, double P50, double P95, double P99, long Requests, long Errors)
{
    /// <summary>percentiles.lua as copied next to the benchmark's binaries.</summary>
    public static string Script { get; } = Path.Combine(AppContext.BaseDirectory, "percentiles.lua");

    /// <param name="url">The URL to load.</param>
    /// <param name="headers">Extra request headers ("Name: value").</param>
    /// <param name="seconds">How long.</param>
    /// <param name="connections">Open connections (two threads, one for a single connection).</param>
    /// <param name="timeoutSeconds">wrk's per-request timeout; null keeps wrk's default (2 s).</param>
    public static async Task<Wrk> RunAsync(string url, IEnumerable<string> headers, int seconds, int connections = 32, int? timeoutSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(connections > 1 ? "-t2" : "-t1");
        start.ArgumentList.Add($"-c{connections}");
        start.ArgumentList.Add($"-d{seconds}s");
        if (timeoutSeconds is { } timeout)
        {
            start.ArgumentList.Add("--timeout");
            start.ArgumentList.Add($"{timeout}s");
        }

        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(Script);
        foreach (var header in headers)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }

        start.ArgumentList.Add(url);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = ResultLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException("wrk printed no RESULT line: " + output + await process.StandardError.ReadToEndAsync());
        }

        double D(string name) => double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new Wrk(D("rps"), D("p50"), D("p95"), D("p99"), (long)D("requests"), (long)D("errors"));
    }

    public override string ToString() =>
        $"{Rps,9:N0} rps  p50 {P50,7:0.00} ms  p95 {P95,7:0.00} ms  p99 {P99,7:0.00} ms  {Requests:N0} requests, {Errors} errors";

    [GeneratedRegex(@"RESULT requests=(?<requests>\d+) seconds=[\d.]+ rps=(?<rps>[\d.]+) p50_ms=(?<p50>[\d.]+) p95_ms=(?<p95>[\d.]+) p99_ms=(?<p99>[\d.]+) errors=(?<errors>\d+)")]
    private static partial Regex ResultLine();
}
