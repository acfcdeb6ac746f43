namespace AccountRegistry.Domain.Content;

/// <summary>
/// Bank card numbers: 16 to 19 digits, a first digit of 3–6 (UnionPay 62…, Visa 4…, Mastercard 5…, JCB 35…) and a
/// valid Luhn check digit. A random number of that length passes with a probability of about 4/10 × 1/10, so the
/// check reports only what looks like a card; an 18-digit number that is a valid resident ID is reported as an ID.
/// </summary>
public static class BankCardNumber
{
    public static bool IsValid(ReadOnlySpan<char> number)
    {
        if (number.Length is < 16 or > 19 || number[0] is < '3' or > '6')
        {
            return false;
        }

        return PassesLuhn(number);
    }

    public static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var c = digits[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
