using System.Globalization;
using AccountRegistry.Domain.Text;

namespace AccountRegistry.Application.Imports.Reading;

/// <summary>
/// Reads the typed fields of one record, adding an error (line, column, value, reason) for each bad field and
/// carrying on, so a row reports all of its problems at once. <see cref="Valid"/> says whether to stage the row.
/// </summary>
/// <param name="futureWarnings">
/// Where a time after the server's clock goes as a warning, the row staying valid: for the files of
/// spec/interchange.md, whose rules ignore rows dated after T (T defaulting to today) and whose list of invalid rows
/// has no date bound. Null (the collector API) refuses such a time as an error.
/// </param>
internal sealed class FieldReader(ImportErrorList errors, IReadOnlyList<string> columns, DateTimeOffset now, ImportErrorList? futureWarnings = null)
{
    private const string ExampleTimestamp = "2019-05-08T09:30:00+08:00";

    private string?[] values = [];
    private ulong reported;

    public int Line { get; private set; }

    public bool Valid { get; private set; }

    public void Begin(SourceRecord record)
    {
        Line = record.Line;
        values = record.Values;
        reported = record.ReportedColumns;
        Valid = reported == 0;
    }

    /// <summary>The latest plausible time: a few minutes past the server's clock.</summary>
    public DateTimeOffset Latest => now + ImportLimits.ClockTolerance;

    public string? Raw(int column) => values[column];

    public void Fail(int column, string? value, ImportErrorCode code, string reason, string? detail = null)
    {
        Valid = false;

        // The source already reported this field (a JSON array where a string belongs): one error per field.
        if ((reported & SourceRecord.Bit(column)) == 0)
        {
            errors.Add(Line, columns[column], value, code, reason, detail);
        }
    }

    /// <summary>
    /// A required identifier or name; surrounding spaces are dropped (spreadsheets add them). <paramref name="lineBreaks"/>
    /// lets a name hold line breaks and tabs (see <see cref="CheckName"/>).
    /// </summary>
    public string Required(int column, int maxLength, bool lineBreaks = false)
    {
        var value = values[column]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            Fail(column, null, ImportErrorCode.Required, $"{columns[column]} is required.");
            return string.Empty;
        }

        return CheckName(column, CheckText(column, value, maxLength), lineBreaks);
    }

    /// <summary>An optional short text (operator, parent code); empty means no value.</summary>
    public string? Optional(int column, int maxLength, bool lineBreaks = false)
    {
        var value = values[column]?.Trim();
        return string.IsNullOrEmpty(value) ? null : CheckName(column, CheckText(column, value, maxLength), lineBreaks);
    }

    /// <summary>Free text (title, content, url): kept exactly as written, up to its limit.</summary>
    public string? FreeText(int column, int maxLength) =>
        values[column] is { Length: > 0 } value ? CheckText(column, value, maxLength) : null;

    public DateOnly Date(int column)
    {
        var value = values[column]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            Fail(column, null, ImportErrorCode.Required, $"{columns[column]} is required (YYYY-MM-DD).", "YYYY-MM-DD");
            return default;
        }

        if (!IsoTime.TryParseDate(value, out var date))
        {
            Fail(column, value, ImportErrorCode.BadDate, $"'{value}' is not a date of the form YYYY-MM-DD.", "YYYY-MM-DD");
        }

        return date;
    }

    public DateTimeOffset Timestamp(int column)
    {
        var value = values[column]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            Fail(column, null, ImportErrorCode.Required, $"{columns[column]} is required (e.g. 2019-05-08T09:30:00+08:00).", ExampleTimestamp);
            return default;
        }

        switch (IsoTime.TryParseTimestamp(value, out var instant))
        {
            case IsoTime.TimestampResult.Ok when instant < ImportLimits.EarliestTime:
                Fail(column, value, ImportErrorCode.ImplausibleTime,
                    string.Create(CultureInfo.InvariantCulture, $"'{value}' is before {ImportLimits.EarliestTime:yyyy-MM-dd}, earlier than any government account: check the year."),
                    ImportLimits.EarliestTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return instant;
            case IsoTime.TimestampResult.Ok when instant > Latest && futureWarnings is not null:
                futureWarnings.Add(Line, columns[column], value, ImportErrorCode.ImplausibleTime,
                    string.Create(CultureInfo.InvariantCulture,
                        $"'{value}' is in the future (the server's clock says {now.ToOffset(AccountRegistry.Domain.Common.ShanghaiCalendar.Offset):yyyy-MM-dd'T'HH:mm:sszzz}); stored, and the rules pass it over until its day."),
                    now.ToOffset(AccountRegistry.Domain.Common.ShanghaiCalendar.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                return instant;
            case IsoTime.TimestampResult.Ok when instant > Latest:
                Fail(column, value, ImportErrorCode.ImplausibleTime,
                    string.Create(CultureInfo.InvariantCulture,
                        $"'{value}' is in the future (the server's clock says {now.ToOffset(AccountRegistry.Domain.Common.ShanghaiCalendar.Offset):yyyy-MM-dd'T'HH:mm:sszzz})."),
                    now.ToOffset(AccountRegistry.Domain.Common.ShanghaiCalendar.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                return instant;
            case IsoTime.TimestampResult.Ok:
                return instant;
            case IsoTime.TimestampResult.MissingOffset:
                Fail(column, value, ImportErrorCode.MissingOffset,
                    $"'{value}' has no UTC offset: write it like 2019-05-08T09:30:00+08:00.", ExampleTimestamp);
                return default;
            default:
                Fail(column, value, ImportErrorCode.BadTimestamp,
                    $"'{value}' is not an ISO 8601 timestamp with offset (e.g. 2019-05-08T09:30:00+08:00).", ExampleTimestamp);
                return default;
        }
    }

    public bool Boolean(int column, bool defaultValue)
    {
        var value = values[column]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return defaultValue;
        }

        if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Fail(column, value, ImportErrorCode.BadBoolean, $"'{value}' is not true or false.");
        return defaultValue;
    }

    /// <summary>A cumulative count: an integer ≥ 0. Null when empty and not required.</summary>
    public long? Count(int column, bool required)
    {
        var value = values[column]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Fail(column, null, ImportErrorCode.Required, $"{columns[column]} is required.");
            }

            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) && signed < 0)
        {
            Fail(column, value, ImportErrorCode.Negative, $"{columns[column]} cannot be negative.");
        }
        else
        {
            Fail(column, value, ImportErrorCode.BadInteger, $"'{value}' is not a whole number.");
        }

        return null;
    }

    /// <summary>One of the spec's lower-case codes; <paramref name="defaultCode"/> when empty (null: required).</summary>
    public T Code<T>(int column, TryParseCode<T> tryParse, IEnumerable<string> allowed, ImportErrorCode unknown, T? defaultCode)
        where T : struct
    {
        var value = values[column]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (defaultCode is { } fallback)
            {
                return fallback;
            }

            Fail(column, null, ImportErrorCode.Required, $"{columns[column]} is required ({string.Join(", ", allowed)}).", string.Join(", ", allowed));
            return default;
        }

        if (tryParse(value, out var parsed))
        {
            return parsed;
        }

        Fail(column, value, unknown, $"unknown {columns[column]} '{value}': one of {string.Join(", ", allowed)}.", string.Join(", ", allowed));
        return default;
    }

    private string CheckText(int column, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            Fail(column, value, ImportErrorCode.TooLong, $"{columns[column]} is longer than {maxLength} characters.", maxLength.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL text cannot hold NUL.
            Fail(column, value.Replace('\0', '\uFFFD'), ImportErrorCode.InvalidText, $"{columns[column]} contains a NUL character.", "U+0000");
        }

        return value;
    }

    /// <summary>
    /// Ids, codes and names are shown in lists and compared by eye: a control character or a bidirectional override
    /// (U+202E shows "探针\u202Eexe.fdp" as "探针pdf.exe") would make one look like another.
    /// With <paramref name="lineBreaks"/> (names, operator) line breaks and tabs pass: spec/interchange.md lets a quoted
    /// field hold newlines and a name is plain text, so a cell typed on two lines (Alt+Enter) is a valid row; they
    /// reorder nothing and show as white space.
    /// </summary>
    private string CheckName(int column, string value, bool lineBreaks)
    {
        var index = value.AsSpan().IndexOfAny(DisplayText.Hidden);
        while (lineBreaks && index >= 0 && value[index] is '\n' or '\r' or '\t')
        {
            var next = value.AsSpan(index + 1).IndexOfAny(DisplayText.Hidden);
            index = next < 0 ? -1 : index + 1 + next;
        }

        if (index >= 0)
        {
            Fail(column, DisplayText.Neutralise(value), ImportErrorCode.InvalidText,
                $"{columns[column]} contains the invisible control character U+{(int)value[index]:X4}; names and ids cannot hold control or bidirectional formatting characters.",
                string.Create(CultureInfo.InvariantCulture, $"U+{(int)value[index]:X4}"));
        }

        return value;
    }
}

internal delegate bool TryParseCode<T>(string? code, out T value);
