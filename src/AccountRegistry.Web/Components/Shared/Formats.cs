using System.Globalization;
using AccountRegistry.Domain.Common;

namespace AccountRegistry.Web.Components.Shared;

/// <summary>Dates as the county reads them: Shanghai time, ISO order.</summary>
public static class Formats
{
    public static string ShanghaiDate(DateTimeOffset? instant) =>
        instant is { } value ? ShanghaiCalendar.DayOf(value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static string ShanghaiDateTime(DateTimeOffset? instant) =>
        instant is { } value ? value.ToOffset(ShanghaiCalendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Number(long? value) => value?.ToString("N0", CultureInfo.CurrentCulture) ?? "—";
}
