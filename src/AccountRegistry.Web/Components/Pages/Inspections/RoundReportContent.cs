using System.Globalization;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Domain.Accounts;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Units;
using Microsoft.Extensions.Localization;

namespace AccountRegistry.Web.Components.Pages.Inspections;

/// <summary>One block of the 通报: a heading, a paragraph or a table. The print page and the .docx render the same blocks.</summary>
public abstract record ReportBlock;

public sealed record ReportHeading(string Text, int Level) : ReportBlock;

public sealed record ReportParagraph(string Text) : ReportBlock;

public sealed record ReportTable(string? Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>
/// 通报 in three sections from a published round's figures, worded from the resources with the fields filled in:
/// 总体情况 (a table per platform by owner unit level), 主要问题 (the named accounts per problem), 工作要求 (the deadline
/// in working days and the re-check of the previous round's failures).
/// </summary>
public static class RoundReportContent
{
    /// <summary>
    /// The blocks of <paramref name="report"/>, worded by <paramref name="template"/> when given (the editor's preview),
    /// else by the wording stored with the round, else by the default wording of the resources.
    /// </summary>
    public static IReadOnlyList<ReportBlock> Build(InspectionRoundReport.Report report, IStringLocalizer l, ReportTemplateText? template = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(l);
        var wording = template ?? report.Template ?? DefaultTemplate(l);
        var fields = Fields(report);
        var blocks = new List<ReportBlock> { new ReportHeading(wording.Fill(ReportTemplatePart.Title, fields), 0) };
        blocks.AddRange(Paragraphs(wording, ReportTemplatePart.Opening, fields));
        blocks.AddRange(
        [
            new ReportHeading(l["Report.Section1"], 1),
            new ReportParagraph(Format(l, "Report.Overall", Day(report.AsOf), report.Filed, report.Checked, report.Passed, RoundLabels.Rate(report.Passed, report.Checked))),
        ]);
        string[] header = [l["Report.Table.Level"], l["Report.Table.Filed"], l["Report.Table.Checked"], l["Report.Table.Passed"], l["Report.Table.PassRate"]];
        foreach (var platform in report.Platforms)
        {
            var name = PlatformName(l, platform.Platform);
            blocks.Add(new ReportParagraph(Format(l, "Report.PlatformLine", name, platform.Filed, platform.Checked, platform.Passed, RoundLabels.Rate(platform.Passed, platform.Checked))));
            var rows = platform.Levels
                .Select(r => (IReadOnlyList<string>)[LevelName(l, r.Level), Number(r.Filed), Number(r.Checked), Number(r.Passed), RoundLabels.Rate(r.Passed, r.Checked)])
                .Append([l["Report.Table.Total"], Number(platform.Filed), Number(platform.Checked), Number(platform.Passed), RoundLabels.Rate(platform.Passed, platform.Checked)])
                .ToList();
            blocks.Add(new ReportTable(name, header, rows));
        }

        blocks.Add(new ReportHeading(l["Report.Section2"], 1));
        if (report.Problems.Count == 0)
        {
            blocks.Add(new ReportParagraph(l["Report.NoProblems"]));
        }

        string[] accountHeader = [l["Report.Table.Account"], l["Report.Table.Platform"], l["Report.Table.Unit"], l["Report.Table.Note"]];
        foreach (var (problem, index) in report.Problems.Select((p, i) => (p, i + 1)))
        {
            var title = string.Create(CultureInfo.CurrentCulture, $"（{index}）{RoundLabels.Problem(l, problem)}");
            blocks.Add(new ReportHeading(title, 2));
            blocks.Add(new ReportTable(null, accountHeader,
                [.. problem.Accounts.Select(a => (IReadOnlyList<string>)[a.Name, PlatformName(l, a.Platform), a.UnitName, a.Note ?? string.Empty])]));
        }

        blocks.Add(new ReportHeading(l["Report.Section3"], 1));
        blocks.AddRange(Paragraphs(wording, ReportTemplatePart.Requirements, fields));
        if (report.PreviousRoundId is null)
        {
            blocks.Add(new ReportParagraph(l["Report.RecheckNone"]));
        }
        else
        {
            blocks.Add(new ReportParagraph(Format(l, "Report.Recheck", report.PreviousTitle ?? string.Empty)));
            if (report.Rechecks.Count == 0)
            {
                blocks.Add(new ReportParagraph(l["Report.RecheckEmpty"]));
            }
            else
            {
                int Count(InspectionRoundReport.RecheckOutcome o) => report.Rechecks.Count(r => r.Outcome == o);
                blocks.Add(new ReportParagraph(Format(l, "Report.RecheckSummary", report.Rechecks.Count, Count(InspectionRoundReport.RecheckOutcome.Fixed),
                    Count(InspectionRoundReport.RecheckOutcome.NotFixed), Count(InspectionRoundReport.RecheckOutcome.Recurred), Count(InspectionRoundReport.RecheckOutcome.Unconfirmed))));
                blocks.Add(new ReportTable(null, [l["Report.Table.Account"], l["Report.Table.Platform"], l["Report.Table.Unit"], l["Report.Table.Recheck"]],
                    [.. report.Rechecks.Select(r => (IReadOnlyList<string>)[r.Name, PlatformName(l, r.Platform), r.UnitName, RecheckLabel(l, r.Outcome)])]));
            }
        }

        blocks.AddRange(Paragraphs(wording, ReportTemplatePart.Signature, fields));
        blocks.AddRange(Paragraphs(wording, ReportTemplatePart.DateLine, fields));
        return blocks;
    }

    /// <summary>The wording used when a county saved none: the resources' (Chinese, or English when the user chose it).</summary>
    public static ReportTemplateText DefaultTemplate(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new ReportTemplateText(
            l["ReportTemplate.Default.Title"], l["ReportTemplate.Default.Opening"], l["ReportTemplate.Default.Requirements"],
            l["ReportTemplate.Default.Signature"], l["ReportTemplate.Default.DateLine"]);
    }

    /// <summary>The values of the template's fields (<see cref="ReportTemplateText.Fields"/>) for this report.</summary>
    public static IReadOnlyDictionary<string, string> Fields(InspectionRoundReport.Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["轮次名称"] = report.Title,
            ["检查截止日"] = Day(report.AsOf),
            ["发布日期"] = Day(report.PublishedOn),
            ["整改期限"] = Day(report.Deadline),
            ["整改工作日"] = Number(report.WorkingDays),
            ["单位数"] = Number(report.Units),
            ["备案数"] = Number(report.Filed),
            ["检查数"] = Number(report.Checked),
            ["合格数"] = Number(report.Passed),
            ["不合格数"] = Number(report.Checked - report.Passed),
            ["通过率"] = RoundLabels.Rate(report.Passed, report.Checked),
        };
    }

    /// <summary>One paragraph per non-empty line of the part, fields filled in.</summary>
    private static IEnumerable<ReportBlock> Paragraphs(ReportTemplateText wording, ReportTemplatePart part, IReadOnlyDictionary<string, string> fields) =>
        wording.Fill(part, fields).Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).Select(line => new ReportParagraph(line));

    public static string RecheckLabel(IStringLocalizer l, InspectionRoundReport.RecheckOutcome outcome) => outcome switch
    {
        InspectionRoundReport.RecheckOutcome.Fixed => l["Report.Fixed"],
        InspectionRoundReport.RecheckOutcome.Recurred => l["Report.Recurred"],
        InspectionRoundReport.RecheckOutcome.Unconfirmed => l["Report.Unconfirmed"],
        _ => l["Report.NotFixed"],
    };

    private static string Format(IStringLocalizer l, string key, params object[] values) => string.Format(CultureInfo.CurrentCulture, l[key], values);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string PlatformName(IStringLocalizer l, Platform platform) => l["Platform." + platform.ToCode()];

    private static string LevelName(IStringLocalizer l, UnitLevel level) => l["Level." + level.ToCode()];
}
