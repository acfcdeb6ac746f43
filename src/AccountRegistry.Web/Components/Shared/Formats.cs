using System.Globalization;
using AccountRegistry.Domain.Common;
using MudBlazor;

namespace AccountRegistry.Web.Components.Shared;

/// <summary>Dates as the county reads them (Shanghai time, yyyy-MM-dd) and figures as a Chinese report prints them.</summary>
public static class Formats
{
    public static string ShanghaiDate(DateTimeOffset? instant) =>
        instant is { } value ? ShanghaiCalendar.DayOf(value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static string ShanghaiDateTime(DateTimeOffset? instant) =>
        instant is { } value ? value.ToOffset(ShanghaiCalendar.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Number(long? value) => value?.ToString("N0", CultureInfo.CurrentCulture) ?? "—";

    /// <summary>
    /// A large figure the way a Chinese report writes it: 1,602,240 reads as 160万, 164,000 as 16.4万, 3.1亿 past a hundred million;
    /// under 万 with thousands separators. In English (no 万) it is 1.6M, 45.3K.
    /// </summary>
    public static string Large(double value)
    {
        var culture = CultureInfo.CurrentCulture;
        var magnitude = Math.Abs(value);
        if (culture.TwoLetterISOLanguageName == "zh")
        {
            return magnitude switch
            {
                >= 1e8 => Scaled(value / 1e8, "亿", culture),
                >= 1e4 => Scaled(value / 1e4, "万", culture),
                _ => value.ToString("N0", culture),
            };
        }

        return magnitude switch
        {
            >= 1e9 => Scaled(value / 1e9, "B", culture),
            >= 1e6 => Scaled(value / 1e6, "M", culture),
            >= 1e4 => Scaled(value / 1e3, "K", culture),
            _ => value.ToString("N0", culture),
        };
    }

    /// <summary>A chart's vertical axis with <see cref="Large"/> figures.</summary>
    public static LineChartOptions LineAxis() => new() { YAxisToStringFunc = Large };

    /// <inheritdoc cref="LineAxis"/>
    public static BarChartOptions BarAxis() => new() { YAxisToStringFunc = Large };

    /// <inheritdoc cref="LineAxis"/>
    public static StackedBarChartOptions StackedBarAxis() => new() { YAxisToStringFunc = Large };

    /// <summary>One decimal while the figure is short (16.4万), none past a hundred (180万): axis labels stay narrow.</summary>
    private static string Scaled(double value, string unit, CultureInfo culture) =>
        value.ToString(Math.Abs(value) >= 100 ? "#,0" : "#,0.#", culture) + unit;
}
