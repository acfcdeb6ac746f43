namespace AccountRegistry.Domain.Content;

/// <summary>
/// Finds unmasked resident ID, mobile and bank card numbers in a text.
/// </summary>
/// <remarks>
/// A number is a maximal run of digits (ASCII or full-width; a resident ID may end in X), so a valid number inside a
/// longer run of digits is not one. Numbers as people write them are recognised too: a mobile number as 3-4-4, an ID
/// as 6-8-4 and a card in groups of four, separated by single spaces or hyphens. A run touching a mask character
/// (* ＊ × x X after a digit run of the wrong length, …) is a masked number and never alarms: 430104********1234 and
/// 138****5678 are how a post should show them.
/// </remarks>
public static class PrivacyScanner
{
    private readonly record struct Token(int Start, int End, string Digits, bool Masked);

    private static readonly int[][] GroupPatterns = [[3, 4, 4], [6, 8, 4], [4, 4, 4, 4, 4], [4, 4, 4, 4, 3], [4, 4, 4, 4, 2], [4, 4, 4, 4, 1], [4, 4, 4, 4]];

    public static void Scan(string text, ContentField field, List<ContentMatch> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        if (!HasDigitRun(text))
        {
            return;
        }

        var tokens = Tokens(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (TryGroup(text, tokens, i, field, output, out var used))
            {
                i += used - 1;
                continue;
            }

            var token = tokens[i];
            if (!token.Masked && Classify(token.Digits) is { } kind)
            {
                output.Add(new ContentMatch(ContentCheck.Privacy, kind, field, token.Start, text[token.Start..token.End]));
            }
        }
    }

    /// <summary>The kind of a bare number (digits only, perhaps ending in X), or null.</summary>
    public static string? Classify(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits.Length switch
        {
            18 when ChineseIdNumber.IsValid(digits) => PrivacyKinds.IdNumber,
            11 when MobileNumber.IsValid(digits) => PrivacyKinds.Mobile,
            >= 16 and <= 19 when BankCardNumber.IsValid(digits) => PrivacyKinds.BankCard,
            _ => null,
        };
    }

    /// <summary>Cheap pre-check: most posts have no run of three digits and need no tokens at all.</summary>
    private static bool HasDigitRun(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            if (IsDigit(c))
            {
                if (++run >= 3)
                {
                    return true;
                }
            }
            else
            {
                run = 0;
            }
        }

        return false;
    }

    private static bool TryGroup(string text, List<Token> tokens, int first, ContentField field, List<ContentMatch> output, out int used)
    {
        foreach (var pattern in GroupPatterns)
        {
            if (first + pattern.Length > tokens.Count)
            {
                continue;
            }

            var matches = true;
            for (var k = 0; k < pattern.Length && matches; k++)
            {
                var token = tokens[first + k];
                matches = token.Digits.Length == pattern[k] && !token.Masked
                    && (k == 0 || (token.Start == tokens[first + k - 1].End + 1 && IsSeparator(text[token.Start - 1])));
            }

            if (!matches)
            {
                continue;
            }

            // The group must not continue with a further group of digits (then it is some other number).
            var last = tokens[first + pattern.Length - 1];
            if (last.End + 1 < text.Length && IsSeparator(text[last.End]) && IsDigit(text[last.End + 1]))
            {
                continue;
            }

            var previous = first > 0 ? tokens[first - 1] : default;
            if (first > 0 && previous.End + 1 == tokens[first].Start && IsSeparator(text[previous.End]))
            {
                continue;
            }

            var digits = string.Concat(tokens.Skip(first).Take(pattern.Length).Select(t => t.Digits));
            if (Classify(digits) is { } kind)
            {
                output.Add(new ContentMatch(ContentCheck.Privacy, kind, field, tokens[first].Start, text[tokens[first].Start..last.End]));
                used = pattern.Length;
                return true;
            }
        }

        used = 0;
        return false;
    }

    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var digits = new System.Text.StringBuilder();
            while (i < text.Length && IsDigit(text[i]))
            {
                digits.Append(AsciiDigit(text[i]));
                i++;
            }

            // The check character of a resident ID.
            if (digits.Length == 17 && i < text.Length && text[i] is 'X' or 'x' or 'Ｘ' or 'ｘ' && (i + 1 >= text.Length || !IsWordCharacter(text[i + 1])))
            {
                digits.Append('X');
                i++;
            }

            var masked = (start > 0 && IsMask(text[start - 1])) || (i < text.Length && IsMask(text[i]));
            tokens.Add(new Token(start, i, digits.ToString(), masked));
        }

        return tokens;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9' or >= '０' and <= '９';

    private static char AsciiDigit(char c) => c <= '9' ? c : (char)(c - '０' + '0');

    private static bool IsSeparator(char c) => c is ' ' or '-' or '\u00A0';

    private static bool IsMask(char c) => c is '*' or '＊' or '×' or '•' or '●' or '※';

    private static bool IsWordCharacter(char c) => char.IsAsciiLetterOrDigit(c) || IsDigit(c);
}
