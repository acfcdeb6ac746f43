namespace AccountRegistry.Web;

/// <summary>Tells an unreachable database apart from a bug, for the error page, the API's status code and the logs.</summary>
public static class DatabaseFailures
{
    public static bool IsDatabaseUnavailable(Exception? exception) =>
        exception is not null
        && (exception.GetBaseException() is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException
            || exception is Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException or Npgsql.NpgsqlException);

    public static int StatusCodeFor(Exception exception) =>
        IsDatabaseUnavailable(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
}
