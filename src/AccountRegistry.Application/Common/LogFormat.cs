using System.Globalization;

namespace AccountRegistry.Application.Common;

/// <summary>
/// Days and moments in log messages as ISO 8601 whatever the thread's culture: a background service logs with the
/// process's (12/07/2026), a request with its reader's (2026/12/7), and an operator greps for 2026-12-07.
/// </summary>
internal static class LogFormat
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Moment(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
