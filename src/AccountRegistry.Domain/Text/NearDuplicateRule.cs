namespace AccountRegistry.Domain.Text;

/// <summary>
/// The definition of spec/rules.md: two texts are near-duplicates when, after <see cref="TextNormalizer"/>, the
/// Jaccard similarity of their sets of character 4-grams is at least 0.6; a text with fewer than 20 normalised
/// characters is never a near-duplicate. Candidates may be found approximately (<see cref="MinHashLsh"/>); every pair
/// is confirmed here, exactly.
/// </summary>
public static class NearDuplicateRule
{
    public const double Threshold = 0.6;

    public const int MinimumNormalizedLength = 20;

    /// <summary>
    /// Separates title and content when a post's text is "its title and content joined". A line feed is neither a
    /// letter nor a digit, so normalisation drops it and the result equals plain concatenation, except that a pinyin
    /// annotation at the very start of the content is not read as annotating the title's last character.
    /// </summary>
    public const string TitleContentSeparator = "\n";

    /// <summary>A post's text: title and content joined; a missing title or content counts as empty.</summary>
    public static string PostText(string? title, string? content) => (title ?? string.Empty) + TitleContentSeparator + (content ?? string.Empty);

    public static bool IsLongEnough(int normalizedLength) => normalizedLength >= MinimumNormalizedLength;

    /// <summary>Exactly Jaccard ≥ 0.6, in integers (3·union ≤ 5·intersection) so no rounding decides a pair.</summary>
    public static bool MeetsThreshold(int intersection, int union) => union > 0 && 5L * intersection >= 3L * union;

    /// <summary>The exact similarity when the two are near-duplicates by the definition; otherwise null.</summary>
    public static double? Confirm(ShingleSet a, ShingleSet b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!IsLongEnough(a.NormalizedLength) || !IsLongEnough(b.NormalizedLength))
        {
            return null;
        }

        var (intersection, union) = a.Overlap(b);
        return MeetsThreshold(intersection, union) ? (double)intersection / union : null;
    }

    /// <summary>Convenience for two raw texts.</summary>
    public static double? Confirm(string? a, string? b) => Confirm(ShingleSet.FromText(a), ShingleSet.FromText(b));
}
