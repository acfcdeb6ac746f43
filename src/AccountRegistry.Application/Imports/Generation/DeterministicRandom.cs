namespace AccountRegistry.Application.Imports.Generation;

/// <summary>
/// SplitMix64: tiny, fast and fully specified, so the same seed gives byte-identical data sets on every machine and
/// .NET version (System.Random's algorithm is an implementation detail).
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong state = seed;

    public static DeterministicRandom For(long seed, ulong stream, ulong index) =>
        new(Mix(unchecked((ulong)seed) ^ Mix(stream * 0x9E3779B97F4A7C15UL + index)));

    public ulong NextULong()
    {
        state = unchecked(state + 0x9E3779B97F4A7C15UL);
        return Mix(state);
    }

    /// <summary>[0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>[0, max).</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)((NextULong() >> 33) % (ulong)max);

    /// <summary>[min, max] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Standard normal by Box–Muller.</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>Pareto with minimum <paramref name="scale"/>: the heavy tail of read counts (a few posts go viral).</summary>
    public double Pareto(double scale, double alpha) => scale / Math.Pow(1.0 - NextDouble(), 1.0 / alpha);

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    internal static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
