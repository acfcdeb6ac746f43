namespace AccountRegistry.Application.Reviews;

/// <summary>
/// Someone else decided on the account after this reviewer loaded it: nothing was saved. <see cref="Latest"/> is
/// what they decided, so the page can say so instead of overwriting it.
/// </summary>
public sealed class ReviewConflictException : Exception
{
    public ReviewConflictException(string message, DecisionSummary? latest)
        : base(message)
    {
        Latest = latest;
    }

    public ReviewConflictException()
        : this("The account was decided by someone else meanwhile.", (DecisionSummary?)null)
    {
    }

    public ReviewConflictException(string message)
        : this(message, (DecisionSummary?)null)
    {
    }

    public ReviewConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The decision that got there first; null when the change was not a decision (the flag was re-evaluated).</summary>
    public DecisionSummary? Latest { get; }
}

/// <summary>
/// A bulk decision's selection is no longer what the reviewer confirmed (accounts were decided, flagged or resolved
/// meanwhile): nothing was saved; the page shows the new count and asks again.
/// </summary>
public sealed class BulkSelectionChangedException : Exception
{
    public BulkSelectionChangedException(int confirmed, int actual)
        : base($"The selection now holds {actual} accounts, not the {confirmed} confirmed.")
    {
        Confirmed = confirmed;
        Actual = actual;
    }

    public BulkSelectionChangedException()
        : this(0, 0)
    {
    }

    public BulkSelectionChangedException(string message)
        : base(message)
    {
    }

    public BulkSelectionChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Confirmed { get; }

    public int Actual { get; }
}
