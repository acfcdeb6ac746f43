using System.Globalization;
using System.Resources;

namespace AccountRegistry.Application.Exports;

/// <summary>
/// The .xlsx exports' column headers, sheet names and fixed wording, from ExportTexts.resx. They are bilingual on
/// purpose and the same whatever the user's language (so there is no ExportTexts.en.resx): Chinese for the reader,
/// the spec's code for whoever processes the sheet further, and the command line writes the same sheets.
/// </summary>
public static class ExportTexts
{
    private static readonly ResourceManager Resources = new("AccountRegistry.Application.Exports.ExportTexts", typeof(ExportTexts).Assembly);

    public static string Text(string key) =>
        Resources.GetString(key, CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"Missing export text {key}.");

    public static string Format(string key, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, Text(key), arguments);

    /// <summary>The headers <c>{sheet}.{name}</c> of <paramref name="names"/>, in their order.</summary>
    public static IReadOnlyList<string> Columns(string sheet, params string[] names) => [.. names.Select(n => Text($"{sheet}.{n}"))];
}
