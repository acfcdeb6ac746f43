namespace AccountRegistry.Domain.Text;

/// <summary>
/// The set of character 4-grams (shingles) of a normalised text, kept as sorted distinct keys so that the Jaccard
/// similarity of two sets is one merge. A key packs the four code points (21 bits each) into 84 bits of a
/// <see cref="UInt128"/>: exact, so two different shingles can never be taken for the same one.
/// </summary>
public sealed class ShingleSet
{
    public const int ShingleLength = 4;

    private readonly UInt128[] keys;

    private ShingleSet(UInt128[] keys, int normalizedLength)
    {
        this.keys = keys;
        NormalizedLength = normalizedLength;
    }

    /// <summary>How many code points the normalised text has.</summary>
    public int NormalizedLength { get; }

    /// <summary>How many distinct shingles.</summary>
    public int Count => keys.Length;

    public static ShingleSet FromText(string? text) => FromNormalized(TextNormalizer.Normalize(text));

    public static ShingleSet FromNormalized(ReadOnlySpan<int> codePoints)
    {
        if (codePoints.Length < ShingleLength)
        {
            return new ShingleSet([], codePoints.Length);
        }

        var keys = new UInt128[codePoints.Length - ShingleLength + 1];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Key(codePoints[i], codePoints[i + 1], codePoints[i + 2], codePoints[i + 3]);
        }

        Array.Sort(keys);
        var distinct = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (distinct == 0 || keys[i] != keys[distinct - 1])
            {
                keys[distinct++] = keys[i];
            }
        }

        return new ShingleSet(distinct == keys.Length ? keys : keys[..distinct], codePoints.Length);
    }

    public static UInt128 Key(int a, int b, int c, int d) =>
        ((UInt128)(uint)a << 63) | ((UInt128)(uint)b << 42) | ((UInt128)(uint)c << 21) | (uint)d;

    /// <summary>|A ∩ B| and |A ∪ B|, exactly.</summary>
    public (int Intersection, int Union) Overlap(ShingleSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = keys;
        var b = other.keys;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            var comparison = a[i].CompareTo(b[j]);
            if (comparison == 0)
            {
                common++;
                i++;
                j++;
            }
            else if (comparison < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (common, a.Length + b.Length - common);
    }

    /// <summary>Exact Jaccard similarity; 0 when both sets are empty.</summary>
    public double Jaccard(ShingleSet other)
    {
        var (intersection, union) = Overlap(other);
        return union == 0 ? 0 : (double)intersection / union;
    }
}
