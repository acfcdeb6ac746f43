using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AccountRegistry.Domain.Text;

/// <summary>
/// Candidate search for near-duplicates: a MinHash signature of the 4-gram set, cut into LSH bands.
/// </summary>
/// <remarks>
/// <para>
/// 160 min-wise hash values per text (one 32-bit keyed mixer per permutation over a 32-bit hash of each shingle,
/// computed for 8 or 16 permutations at a time with SIMD). Of each minimum only the low 16 bits are kept
/// ("b-bit MinHash"): two different minima agree on them with probability 2⁻¹⁶, too rarely to matter, and it halves
/// the signature. Four 16-bit values make one band, so a band is one 64-bit number: the signature is 40 bands and the
/// bands are the LSH bucket keys themselves (PostgreSQL indexes <c>signature[j]</c> for each band j).
/// </para>
/// <para>
/// Two texts with Jaccard similarity s share a band (and become candidates) with probability 1 − (1 − s⁴)⁴⁰:
/// s = 0.5 → 92.4 %, 0.55 → 97.8 %, 0.6 → 99.61 %, 0.65 → 99.96 %, 0.7 → 99.998 %; and for unrelated texts
/// s = 0.3 → 28 %, 0.2 → 6.2 %, 0.1 → 0.40 %, 0.05 → 0.025 %, 0.02 → 0.0006 %. The brief's 32 × 4 would give only
/// 98.8 % at s = 0.6, below the spec's 99 %; 40 × 4 is a round number of 4-row bands that clears it with margin
/// (36 would give 99.3 %). Rows of 3 (20 × 3 → 99.2 % at 0.6) would halve the bands but make two ordinary posts that
/// share a few stock phrases (s ≈ 0.02) a candidate 25 times more often, and against millions of stored posts those
/// false candidates cost more than the bands save.
/// </para>
/// </remarks>
public static class MinHashLsh
{
    public const int Bands = 40;

    public const int RowsPerBand = 4;

    public const int Permutations = Bands * RowsPerBand;

    /// <summary>
    /// Stored with every fingerprint; a change to anything here must bump it, and `registry fingerprint` then redoes
    /// every older fingerprint in resumable batches. 2: the sketch and the shingle count were added.
    /// </summary>
    public const short AlgorithmVersion = 2;

    private const ulong Seed = 0x5EED_0F_D0C5_2026UL;

    private const uint FinalMultiplier = 0x846CA68Bu;

    private static readonly Vector<uint>[] XorKeys;
    private static readonly Vector<uint>[] Multipliers;
    private static readonly Vector512<uint>[] XorKeys512;
    private static readonly Vector512<uint>[] Multipliers512;

    static MinHashLsh()
    {
        var blocks = Permutations / Vector<uint>.Count;
        var xor = new uint[Permutations];
        var multiply = new uint[Permutations];
        var state = Seed;
        for (var i = 0; i < Permutations; i++)
        {
            xor[i] = (uint)SplitMix64(ref state);
            multiply[i] = (uint)SplitMix64(ref state) | 1u;
        }

        XorKeys = new Vector<uint>[blocks];
        Multipliers = new Vector<uint>[blocks];
        for (var b = 0; b < blocks; b++)
        {
            XorKeys[b] = new Vector<uint>(xor, b * Vector<uint>.Count);
            Multipliers[b] = new Vector<uint>(multiply, b * Vector<uint>.Count);
        }

        XorKeys512 = new Vector512<uint>[Permutations / Vector512<uint>.Count];
        Multipliers512 = new Vector512<uint>[Permutations / Vector512<uint>.Count];
        for (var b = 0; b < XorKeys512.Length; b++)
        {
            XorKeys512[b] = Vector512.Create(xor.AsSpan(b * Vector512<uint>.Count, Vector512<uint>.Count));
            Multipliers512[b] = Vector512.Create(multiply.AsSpan(b * Vector512<uint>.Count, Vector512<uint>.Count));
        }
    }

    /// <summary>Lets a test compare the 512-bit path with the portable one on a machine that has both.</summary>
    internal static bool DisableWideVectorsForTests { get; set; }

    /// <summary>The probability that a pair with Jaccard similarity s shares at least one band.</summary>
    public static double CandidateProbability(double similarity) =>
        1 - Math.Pow(1 - Math.Pow(similarity, RowsPerBand), Bands);

    /// <summary>
    /// The 40 band keys of a normalised text, or null when the text is too short to ever be a near-duplicate
    /// (fewer than <see cref="NearDuplicateRule.MinimumNormalizedLength"/> code points).
    /// </summary>
    public static long[]? Signature(ReadOnlySpan<int> normalized) => Signature(normalized, []);

    /// <summary>
    /// The 40 band keys, and in <paramref name="sketch"/> (when it has <see cref="SketchBytes"/> bytes) the sketch:
    /// bits 16–23 of each of the 160 minima, which the bands do not use. Two texts at Jaccard s agree on a minimum
    /// with probability s, and where they do not, their 8 bits differ like random ones; so the Hamming distance of
    /// two sketches has mean 640·(1 − s) and a spread small enough to prove most pairs below the threshold in
    /// PostgreSQL (<see cref="SketchRejects"/>) before they cost a round trip.
    /// </summary>
    public static long[]? Signature(ReadOnlySpan<int> normalized, Span<byte> sketch)
    {
        if (!NearDuplicateRule.IsLongEnough(normalized.Length))
        {
            return null;
        }

        Span<uint> minima = stackalloc uint[Permutations];
        minima.Fill(uint.MaxValue);
        if (Vector512.IsHardwareAccelerated && !DisableWideVectorsForTests)
        {
            Minima512(normalized, minima);
        }
        else
        {
            Minima(normalized, minima);
        }

        var bands = new long[Bands];
        for (var band = 0; band < Bands; band++)
        {
            ulong key = 0;
            for (var row = 0; row < RowsPerBand; row++)
            {
                key |= (ulong)(minima[(band * RowsPerBand) + row] & 0xFFFF) << (16 * row);
            }

            bands[band] = unchecked((long)key);
        }

        if (sketch.Length == SketchBytes)
        {
            for (var i = 0; i < Permutations; i++)
            {
                sketch[i] = (byte)(minima[i] >> 16);
            }
        }

        return bands;
    }

    /// <summary>Bytes of a sketch: 8 bits of each of the 160 minima.</summary>
    public const int SketchBytes = Permutations;

    /// <summary>
    /// The largest Hamming distance of two sketches that the detector still looks at. At the threshold s = 0.6 the
    /// distance has mean 256 and standard deviation 27.2 (each of the 160 lanes: 0 with probability s, else
    /// Binomial(8, ½)), so 346 is 3.3 standard deviations out: a pair at 0.6 is dropped with probability ≈ 0.05 %,
    /// one above it less often. A pair at 0.45 passes 42 % of the time, at 0.4 9 %, at 0.3 0.01 %.
    /// </summary>
    public const int SketchMaxDistance = 346;

    /// <summary>True when two sketches prove the pair far enough below the threshold to drop it (the SQL filter, in C#).</summary>
    public static bool SketchRejects(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        // Eight bytes at a time: the bulk path tests every pair of a crowded bucket (hundreds of thousands).
        var length = Math.Min(a.Length, b.Length);
        var words = length / sizeof(ulong);
        var wordsA = MemoryMarshal.Cast<byte, ulong>(a[..(words * sizeof(ulong))]);
        var wordsB = MemoryMarshal.Cast<byte, ulong>(b[..(words * sizeof(ulong))]);
        var distance = 0;
        for (var i = 0; i < words; i++)
        {
            distance += BitOperations.PopCount(wordsA[i] ^ wordsB[i]);
        }

        for (var i = words * sizeof(ulong); i < length; i++)
        {
            distance += BitOperations.PopCount((uint)(a[i] ^ b[i]));
        }

        return distance > SketchMaxDistance;
    }

    /// <summary>
    /// The minimum over all shingles of each permutation's value. A keyed murmur-style finaliser per permutation:
    /// xor key, multiply, xorshift, multiply, xorshift; computed for <see cref="Vector{T}.Count"/> permutations at once.
    /// </summary>
    private static void Minima(ReadOnlySpan<int> normalized, Span<uint> minima)
    {
        var minimumBlocks = MemoryMarshal.Cast<uint, Vector<uint>>(minima);
        var xorKeys = XorKeys;
        var multipliers = Multipliers;
        var finalMultiplier = new Vector<uint>(FinalMultiplier);
        var shingles = normalized.Length - ShingleSet.ShingleLength + 1;
        for (var i = 0; i < shingles; i++)
        {
            var shingle = new Vector<uint>(ShingleHash(normalized[i], normalized[i + 1], normalized[i + 2], normalized[i + 3]));
            for (var b = 0; b < minimumBlocks.Length; b++)
            {
                var v = (shingle ^ xorKeys[b]) * multipliers[b];
                v ^= Vector.ShiftRightLogical(v, 16);
                v *= finalMultiplier;
                v ^= Vector.ShiftRightLogical(v, 13);
                minimumBlocks[b] = Vector.Min(minimumBlocks[b], v);
            }
        }
    }

    /// <summary>The same computation, 16 permutations at a time where the CPU has 512-bit vectors (same results).</summary>
    private static void Minima512(ReadOnlySpan<int> normalized, Span<uint> minima)
    {
        var minimumBlocks = MemoryMarshal.Cast<uint, Vector512<uint>>(minima);
        var xorKeys = XorKeys512;
        var multipliers = Multipliers512;
        var finalMultiplier = Vector512.Create(FinalMultiplier);
        var shingles = normalized.Length - ShingleSet.ShingleLength + 1;
        for (var i = 0; i < shingles; i++)
        {
            var shingle = Vector512.Create(ShingleHash(normalized[i], normalized[i + 1], normalized[i + 2], normalized[i + 3]));
            for (var b = 0; b < minimumBlocks.Length; b++)
            {
                var v = (shingle ^ xorKeys[b]) * multipliers[b];
                v ^= Vector512.ShiftRightLogical(v, 16);
                v *= finalMultiplier;
                v ^= Vector512.ShiftRightLogical(v, 13);
                minimumBlocks[b] = Vector512.Min(minimumBlocks[b], v);
            }
        }
    }

    /// <summary>The share of the 160 16-bit values two signatures agree on: an estimate of their Jaccard similarity.</summary>
    public static double EstimateSimilarity(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        if (a.Length != Bands || b.Length != Bands)
        {
            throw new ArgumentException($"A signature has {Bands} bands.");
        }

        var equal = 0;
        for (var band = 0; band < Bands; band++)
        {
            var x = (ulong)a[band];
            var y = (ulong)b[band];
            for (var row = 0; row < RowsPerBand; row++)
            {
                if ((ushort)(x >> (16 * row)) == (ushort)(y >> (16 * row)))
                {
                    equal++;
                }
            }
        }

        return (double)equal / Permutations;
    }

    private static uint ShingleHash(int a, int b, int c, int d)
    {
        var packed = ((ulong)(uint)a << 42) | ((ulong)(uint)b << 21) | (uint)c;
        var h = (packed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)d * 0xC2B2AE3D27D4EB4FUL);
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (uint)h;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
