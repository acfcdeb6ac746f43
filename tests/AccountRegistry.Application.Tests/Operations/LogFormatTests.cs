using System.Globalization;
using AccountRegistry.Application.Common;

namespace AccountRegistry.Application.Tests.Operations;

public sealed class LogFormatTests
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    [InlineData("")]
    public void DaysAndMoments_AreIso_WhateverTheThreadsCulture(string culture)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal("2026-12-07", LogFormat.Day(new DateOnly(2026, 12, 7)));
            Assert.Equal("2026-12-08 02:00:00 +08:00", LogFormat.Moment(new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.FromHours(8))));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
