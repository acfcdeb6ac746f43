using System.Globalization;

namespace AccountRegistry.Bench;

/// <summary>A benchmark's command line: <c>--name value</c> options and bare <c>--flag</c>s.</summary>
public sealed class BenchArguments(IReadOnlyList<string> args)
{
    /// <summary>The value after <paramref name="name"/> (e.g. "--accounts"), or null.</summary>
    public string? Option(string name)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }

    public string Option(string name, string fallback) => Option(name) ?? fallback;

    public int Int(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name, long fallback) => Option(name) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => args.Contains(name);
}
