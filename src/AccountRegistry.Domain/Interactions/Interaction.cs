using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Common;

namespace AccountRegistry.Domain.Interactions;

/// <summary>
/// A public message, comment or private letter to an account (留言, 评论, 私信) and when it was answered
/// (spec/inspection.md, interactions.csv). The key is the account + the platform's message id.
/// </summary>
public class Interaction
{
    public long Id { get; set; }

    public int AccountId { get; set; }

    public Account? Account { get; set; }

    public required string MessageId { get; set; }

    public InteractionKind Kind { get; set; } = InteractionKind.Message;

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Null while not answered.</summary>
    public DateTimeOffset? RepliedAt { get; set; }

    /// <summary>False for what needs no answer (praise, an emoji): such messages never count against the account.</summary>
    public bool NeedsReply { get; set; } = true;
}

public enum InteractionKind
{
    Message,
    Comment,
}

public static class InteractionKinds
{
    public static string ToCode(this InteractionKind kind) => kind switch
    {
        InteractionKind.Message => "message",
        InteractionKind.Comment => "comment",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static readonly EnumCodes<InteractionKind> InteractionKindCodes = new(ToCode);

    /// <summary>Lenient on case and surrounding blanks: collectors' exports differ.</summary>
    public static bool TryParse(string? code, out InteractionKind kind) =>
        InteractionKindCodes.TryParse(code?.Trim().ToLowerInvariant(), out kind);

    public static InteractionKind Parse(string code) =>
        TryParse(code, out var kind) ? kind : throw new FormatException($"Unknown interaction kind '{code}'.");
}
