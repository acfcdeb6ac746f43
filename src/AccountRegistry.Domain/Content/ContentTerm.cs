using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Content;

public enum ContentTermKind
{
    /// <summary>An official name with its known wrong forms.</summary>
    OfficialName,

    /// <summary>A banned word or phrase.</summary>
    Banned,

    /// <summary>A domain links may point to.</summary>
    AllowedDomain,
}

public static class ContentTermKinds
{
    public static string ToCode(this ContentTermKind kind) => kind switch
    {
        ContentTermKind.OfficialName => "official_name",
        ContentTermKind.Banned => "banned",
        ContentTermKind.AllowedDomain => "allowed_domain",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static readonly EnumCodes<ContentTermKind> ContentTermKindCodes = new(ToCode);

    public static bool TryParse(string? code, out ContentTermKind kind) => ContentTermKindCodes.TryParse(code, out kind);

    public static ContentTermKind Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"Unknown content term kind '{code}'.");
}

/// <summary>One entry of a county-maintained list. Edits go to the audit trail (the list's history).</summary>
public class ContentTerm
{
    public int Id { get; set; }

    public ContentTermKind Kind { get; set; }

    /// <summary>The official name, the banned phrase or the allowed domain.</summary>
    public required string Term { get; set; }

    /// <summary>Known wrong forms of an official name; empty for the other kinds.</summary>
    public List<string> WrongForms { get; set; } = [];

    public string? Note { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public uint Version { get; set; }
}
