namespace AccountRegistry.Application.Common;

/// <summary>
/// The thing does not exist or lies outside the user's scope. Both answer the same way, so that a clerk cannot
/// learn that another township's account exists by guessing ids.
/// </summary>
public sealed class NotFoundOrForbiddenException(string message) : Exception(message)
{
    public NotFoundOrForbiddenException()
        : this("Not found.")
    {
    }

    public NotFoundOrForbiddenException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}
