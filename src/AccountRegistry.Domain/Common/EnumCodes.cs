namespace AccountRegistry.Domain.Common;

/// <summary>
/// The codes of an enum (its contract spelling, e.g. <c>wechat</c>, <c>NEVER_POSTED</c>) read back into values. Each
/// enum keeps its exhaustive <c>ToCode</c> switch, the one place its codes are written; this map is built from it.
/// </summary>
public sealed class EnumCodes<T>
    where T : struct, Enum
{
    private readonly Dictionary<string, T> values;

    public EnumCodes(Func<T, string> toCode)
    {
        ArgumentNullException.ThrowIfNull(toCode);
        values = Enum.GetValues<T>().ToDictionary(toCode, v => v, StringComparer.Ordinal);
    }

    /// <summary>The value whose code is exactly <paramref name="code"/> (ordinal, case-sensitive).</summary>
    public bool TryParse(string? code, out T value)
    {
        if (code is not null && values.TryGetValue(code, out value))
        {
            return true;
        }

        value = default;
        return false;
    }
}
