namespace AccountRegistry.Domain.Content;

/// <summary>
/// Mainland mobile numbers: 11 digits whose first three are a mobile network prefix (13x, 145–149, 150–153,
/// 155–159, 162, 165–167, 170–178, 18x, 190–193, 195–199). Fixed-line numbers and service numbers (95xxx, 12345)
/// have other lengths and are not personal data in the sense of this check.
/// </summary>
public static class MobileNumber
{
    public static bool HasMobilePrefix(int prefix) => prefix is >= 130 and <= 139 or >= 145 and <= 149 or >= 150 and <= 153
        or >= 155 and <= 159 or 162 or >= 165 and <= 167 or >= 170 and <= 178 or >= 180 and <= 189
        or >= 190 and <= 193 or >= 195 and <= 199;

    /// <summary>True for 11 ASCII digits with a mobile prefix.</summary>
    public static bool IsValid(ReadOnlySpan<char> number)
    {
        if (number.Length != 11)
        {
            return false;
        }

        foreach (var c in number)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return HasMobilePrefix(((number[0] - '0') * 100) + ((number[1] - '0') * 10) + (number[2] - '0'));
    }
}
