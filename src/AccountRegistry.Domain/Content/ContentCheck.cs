using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Content;

/// <summary>
/// The content checks (issue 10). Their codes are the review queue's flag types; they are not rules of
/// spec/rules.md and never appear in an evaluation or change its recommendations.
/// </summary>
public enum ContentCheck
{
    /// <summary>An unmasked resident ID, mobile or bank card number.</summary>
    Privacy,

    /// <summary>A known wrong form of an official name (严重表述错误).</summary>
    NameError,

    /// <summary>A banned word or phrase of the county's list.</summary>
    Banned,

    /// <summary>A link to a domain outside the county's allow list.</summary>
    ExternalLink,
}

public static class ContentChecks
{
    public static string ToCode(this ContentCheck check) => check switch
    {
        ContentCheck.Privacy => "CONTENT_PRIVACY",
        ContentCheck.NameError => "CONTENT_NAME_ERROR",
        ContentCheck.Banned => "CONTENT_BANNED",
        ContentCheck.ExternalLink => "CONTENT_EXTERNAL_LINK",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
    };

    private static readonly EnumCodes<ContentCheck> ContentCheckCodes = new(ToCode);

    public static bool TryParse(string? code, out ContentCheck check) => ContentCheckCodes.TryParse(code, out check);

    public static ContentCheck Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown content check code '{code}'.");
}

/// <summary>Which part of a post a finding was made in; its position counts UTF-16 characters of that part.</summary>
public enum ContentField
{
    Title,
    Content,
}

public static class ContentFields
{
    public static string ToCode(this ContentField field) => field switch
    {
        ContentField.Title => "title",
        ContentField.Content => "content",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static ContentField Parse(string code) => code switch
    {
        "title" => ContentField.Title,
        "content" => ContentField.Content,
        _ => throw new FormatException($"Unknown content field '{code}'."),
    };
}

/// <summary>What a privacy finding found.</summary>
public static class PrivacyKinds
{
    public const string IdNumber = "id_number";
    public const string Mobile = "mobile";
    public const string BankCard = "bank_card";
}

/// <summary>
/// One match of a check in a post's title or content: the evidence a reviewer sees.
/// </summary>
/// <param name="Detail">Privacy: <see cref="PrivacyKinds"/>; name error: the correct name; banned: the list's term; link: the host.</param>
/// <param name="Position">Index of the first UTF-16 character of <paramref name="MatchedText"/> in the field.</param>
public sealed record ContentMatch(ContentCheck Check, string Detail, ContentField Field, int Position, string MatchedText);
