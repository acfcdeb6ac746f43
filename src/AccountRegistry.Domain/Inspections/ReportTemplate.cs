using System.Text.Json;
using System.Text.RegularExpressions;

namespace AccountRegistry.Domain.Inspections;

/// <summary>The parts of the 通报 that the office words itself; the figures, tables and named accounts are not among them.</summary>
public enum ReportTemplatePart
{
    Title,
    Opening,
    Requirements,
    Signature,
    DateLine,
}

/// <summary>
/// The office's wording of the 通报, with named fields in braces ({轮次名称}) that the report fills from the round's
/// figures. <see cref="Requirements"/> holds one paragraph per line.
/// </summary>
public sealed partial record ReportTemplateText(string Title, string Opening, string Requirements, string Signature, string DateLine)
{
    public const int MaxTitleLength = 200;
    public const int MaxPartLength = 4000;

    /// <summary>The fields a template may use, in the order the editor lists them.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["轮次名称", "检查截止日", "发布日期", "整改期限", "整改工作日", "单位数", "备案数", "检查数", "合格数", "不合格数", "通过率"];

    public string this[ReportTemplatePart part] => part switch
    {
        ReportTemplatePart.Title => Title,
        ReportTemplatePart.Opening => Opening,
        ReportTemplatePart.Requirements => Requirements,
        ReportTemplatePart.Signature => Signature,
        ReportTemplatePart.DateLine => DateLine,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };

    /// <summary>What keeps the template from being saved: each part's unknown fields (in order of appearance), and parts that are too long.</summary>
    public IReadOnlyList<ReportTemplateProblem> Problems()
    {
        var problems = new List<ReportTemplateProblem>();
        foreach (var part in Enum.GetValues<ReportTemplatePart>())
        {
            var text = this[part] ?? string.Empty;
            if (text.Length > (part == ReportTemplatePart.Title ? MaxTitleLength : MaxPartLength))
            {
                problems.Add(new ReportTemplateProblem(part, null));
            }

            problems.AddRange(FieldPattern().Matches(text).Select(m => m.Groups[1].Value)
                .Where(name => !Fields.Contains(name, StringComparer.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Select(name => new ReportTemplateProblem(part, name)));
        }

        return problems;
    }

    /// <summary>The part with its fields filled in; a field without a value is left as written.</summary>
    public string Fill(ReportTemplatePart part, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FieldPattern().Replace(this[part] ?? string.Empty, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ReportTemplateText? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<ReportTemplateText>(json);

    [GeneratedRegex(@"\{([^{}\r\n]*)\}")]
    private static partial Regex FieldPattern();
}

/// <summary>A template part with an unknown field (<see cref="Field"/>), or too long (<see cref="Field"/> null).</summary>
public sealed record ReportTemplateProblem(ReportTemplatePart Part, string? Field);

/// <summary>A county's wording of the 通报 (one row per county; none: the default wording of the resources).</summary>
public class CountyReportTemplate
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Opening { get; set; } = string.Empty;

    public string Requirements { get; set; } = string.Empty;

    public string Signature { get; set; } = string.Empty;

    public string DateLine { get; set; } = string.Empty;

    public string UpdatedBy { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL xmin: two editors cannot overwrite each other.</summary>
    public uint Version { get; set; }

    public ReportTemplateText ToText() => new(Title, Opening, Requirements, Signature, DateLine);

    public void Change(ReportTemplateText text, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Problems().Count > 0)
        {
            throw new ArgumentException("The template has unknown fields or parts too long.", nameof(text));
        }

        (Title, Opening, Requirements, Signature, DateLine) = (text.Title.Trim(), text.Opening.Trim(), text.Requirements.Trim(), text.Signature.Trim(), text.DateLine.Trim());
        UpdatedBy = by;
        UpdatedAt = now;
    }
}
