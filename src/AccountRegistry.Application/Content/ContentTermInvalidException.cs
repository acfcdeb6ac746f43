using AccountRegistry.Domain.Content;

namespace AccountRegistry.Application.Content;

/// <summary>A list entry or a row of an imported list is unusable: nothing was saved. Each problem names row and field.</summary>
public sealed class ContentTermInvalidException : Exception
{
    public ContentTermInvalidException(IReadOnlyList<RowProblem> problems)
        : base(string.Join("; ", problems.Select(p => p.ToString())))
    {
        Problems = problems;
    }

    public ContentTermInvalidException()
        : this([])
    {
    }

    public ContentTermInvalidException(string message)
        : base(message)
    {
        Problems = [new RowProblem(null, "term", message)];
    }

    public ContentTermInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new RowProblem(null, "term", message)];
    }

    public IReadOnlyList<RowProblem> Problems { get; } = [];

    /// <param name="Row">The spreadsheet row (1 is the header), or null for an entry edited on the page.</param>
    public sealed record RowProblem(int? Row, string Field, string Message)
    {
        public override string ToString() => Row is { } row ? $"row {row}, {Field}: {Message}" : $"{Field}: {Message}";
    }

    internal static ContentTermInvalidException From(int? row, IEnumerable<ContentTermRules.Problem> problems) =>
        new([.. problems.Select(p => new RowProblem(row, p.Field, p.Message))]);
}

/// <summary>Someone else changed or removed the entry since it was loaded: nothing was saved.</summary>
public sealed class ContentTermConflictException(string message) : Exception(message)
{
    public ContentTermConflictException()
        : this("The entry was changed by someone else meanwhile.")
    {
    }

    public ContentTermConflictException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}
