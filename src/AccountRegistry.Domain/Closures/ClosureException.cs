namespace AccountRegistry.Domain.Closures;

/// <summary>The workflow refused a step. Carries every problem found, so a form can mark all missing fields at once.</summary>
public sealed class ClosureException : Exception
{
    public ClosureException(ClosureError error, string message)
        : base(message)
    {
        Errors = [error];
    }

    public ClosureException(IReadOnlyList<ClosureError> errors, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }

        Errors = errors;
    }

    public ClosureException()
        : this(ClosureError.IllegalTransition, "The closure request cannot take this step.")
    {
    }

    public ClosureException(string message)
        : this(ClosureError.IllegalTransition, message)
    {
    }

    public ClosureException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [ClosureError.IllegalTransition];
    }

    public IReadOnlyList<ClosureError> Errors { get; }

    public ClosureError Error => Errors[0];
}
