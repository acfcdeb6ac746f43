namespace AccountRegistry.Domain.Content;

/// <summary>
/// The mainland resident identity number of GB 11643-1999: six digits of region, eight of birth date (YYYYMMDD),
/// three of sequence, and a check character (0–9 or X) by ISO 7064 MOD 11-2.
/// </summary>
/// <remarks>
/// The region is checked at province level only: the first two digits must be a province-level code of GB/T 2260
/// (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 Taiwan, 81 Hong Kong, 82 Macao). The full table of county codes is
/// thousands of rows that change every year and keep old codes valid for numbers issued before a change, so an
/// up-to-date copy would be a maintenance burden for little gain: together with the date and the check digit, a
/// random 18-digit number passes with a probability of about 0.35 × 0.27 × 1/11 ≈ 0.9 %, against 1/11 with the check
/// digit alone. Birth years 1900–2099 are accepted (the format cannot hold any other century of living people).
/// </remarks>
public static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    /// <summary>True for a province-level code of GB/T 2260.</summary>
    public static bool IsProvinceCode(int code) => code is >= 11 and <= 15 or >= 21 and <= 23 or >= 31 and <= 37
        or >= 41 and <= 46 or >= 50 and <= 54 or >= 61 and <= 65 or 71 or 81 or 82;

    /// <summary>The check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// True when <paramref name="number"/> is 17 ASCII digits and a check character (X in either case) with a valid
    /// province, a real birth date and the right check character.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> number)
    {
        if (number.Length != 18)
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                return false;
            }
        }

        var last = char.ToUpperInvariant(number[17]);
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return false;
        }

        if (!IsProvinceCode(((number[0] - '0') * 10) + (number[1] - '0')))
        {
            return false;
        }

        var year = Digits(number.Slice(6, 4));
        var month = Digits(number.Slice(10, 2));
        var day = Digits(number.Slice(12, 2));
        if (year is < 1900 or > 2099 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        return CheckCharacter(number) == last;
    }

    private static int Digits(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
