namespace AccountRegistry.Domain.Content;

/// <summary>What makes a list entry usable; each problem names the field it is about.</summary>
public static class ContentTermRules
{
    public const int MaxLength = 200;

    /// <summary>A banned phrase of one character would match everywhere once punctuation is dropped.</summary>
    public const int MinPhraseLength = 2;

    public sealed record Problem(string Field, string Message);

    /// <summary>The entry as stored (trimmed, domains normalised, duplicate wrong forms dropped), or the problems.</summary>
    public static (string Term, List<string> WrongForms, List<Problem> Problems) Clean(ContentTermKind kind, string? term, IEnumerable<string>? wrongForms)
    {
        var problems = new List<Problem>();
        var cleanTerm = term?.Trim() ?? string.Empty;
        var forms = (wrongForms ?? []).Select(f => f.Trim()).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (cleanTerm.Length == 0)
        {
            problems.Add(new("term", "is required"));
            return (cleanTerm, forms, problems);
        }

        if (cleanTerm.Length > MaxLength)
        {
            problems.Add(new("term", $"is longer than {MaxLength} characters"));
        }

        switch (kind)
        {
            case ContentTermKind.OfficialName:
                var name = NormalizedText.Pattern(cleanTerm);
                if (name.Length == 0)
                {
                    problems.Add(new("term", "has no letters or digits"));
                }

                if (forms.Count == 0)
                {
                    problems.Add(new("wrong_forms", "an official name needs at least one known wrong form"));
                }

                foreach (var form in forms)
                {
                    var wrong = NormalizedText.Pattern(form);
                    if (wrong.Length == 0)
                    {
                        problems.Add(new("wrong_forms", $"'{form}' has no letters or digits"));
                    }
                    else if (wrong.AsSpan().SequenceEqual(name))
                    {
                        // A traditional or spaced spelling of the right name normalises to the right name itself.
                        problems.Add(new("wrong_forms", $"'{form}' is the correct name written another way, not a wrong form"));
                    }
                }

                break;
            case ContentTermKind.Banned:
                forms.Clear();
                if (NormalizedText.Pattern(cleanTerm).Length < MinPhraseLength)
                {
                    problems.Add(new("term", $"needs at least {MinPhraseLength} letters or digits once spaces and punctuation are dropped"));
                }

                break;
            case ContentTermKind.AllowedDomain:
                forms.Clear();
                if (LinkScanner.NormalizeDomain(cleanTerm) is { } domain)
                {
                    cleanTerm = domain;
                }
                else
                {
                    problems.Add(new("term", $"'{cleanTerm}' is not a domain name such as gov.cn"));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return (cleanTerm, forms, problems);
    }
}
