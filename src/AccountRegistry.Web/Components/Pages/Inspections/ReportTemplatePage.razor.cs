using System.Globalization;
using AccountRegistry.Application.Inspections;
using AccountRegistry.Application.Rules;
using AccountRegistry.Domain.Inspections;
using AccountRegistry.Web.Components.Pages.Rules;
using AccountRegistry.Web.Components.Shared;
using AccountRegistry.Web.Identity;
using Microsoft.AspNetCore.Components;

namespace AccountRegistry.Web.Components.Pages.Inspections;

/// <summary>通报模板: a county's wording of the 通报, checked for unknown fields, previewed on its newest published round, saved with an xmin check.</summary>
public partial class ReportTemplatePage
{
    private readonly SettingsEditorState state = new();
    private IReadOnlyList<RuleSettingsEditor.County> counties = [];
    private ReportTemplateEditor.Template? template;
    private Dictionary<ReportTemplatePart, string> parts = [];
    private IReadOnlyList<ReportBlock>? blocks;
    private string? previewTitle;
    private bool noRound;
    private bool previewFailed;
    private int countyId;

    [Inject]
    private ReportTemplateEditor.Handler Editor { get; set; } = default!;

    [Inject]
    private ILogger<ReportTemplatePage> Logger { get; set; } = default!;

    [Inject]
    private RuleSettingsEditor.Handler Counties { get; set; } = default!;

    [Inject]
    private InspectionRoundReport.Handler Reports { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    private ReportTemplateText Edited => new(
        parts[ReportTemplatePart.Title], parts[ReportTemplatePart.Opening], parts[ReportTemplatePart.Requirements],
        parts[ReportTemplatePart.Signature], parts[ReportTemplatePart.DateLine]);

    protected override async Task OnInitializedAsync()
    {
        counties = await Counties.CountiesAsync(await CurrentUser.GetScopeAsync());
        if (counties.Count > 0)
        {
            await OnCountyAsync(counties[0].UnitId);
        }
    }

    private async Task OnCountyAsync(int value)
    {
        countyId = value;
        state.Reset();
        template = await Editor.GetAsync(countyId, await CurrentUser.GetScopeAsync());
        var shown = template.Text ?? RoundReportContent.DefaultTemplate(L);
        parts = Enum.GetValues<ReportTemplatePart>().ToDictionary(p => p, p => shown[p]);
        await PreviewAsync();
    }

    /// <summary>Names every unknown field in Chinese before anything is shown or saved.</summary>
    private bool Validate() => state.Check(Edited.Problems().Select(Describe));

    private string Source => template?.Text is null
        ? L["ReportTemplate.Default"].Value
        : string.Format(CultureInfo.CurrentCulture, L["ReportTemplate.UpdatedBy"], template.UpdatedBy, Formats.ShanghaiDateTime(template.UpdatedAt));

    private string Describe(ReportTemplateProblem problem) => problem.Field is null
        ? string.Format(CultureInfo.CurrentCulture, L["ReportTemplate.TooLong"], L["ReportTemplate.Part." + problem.Part])
        : string.Format(CultureInfo.CurrentCulture, L["ReportTemplate.UnknownField"], L["ReportTemplate.Part." + problem.Part], problem.Field,
            string.Join(" ", ReportTemplateText.Fields.Select(f => "{" + f + "}")));

    private async Task PreviewAsync()
    {
        if (!Validate())
        {
            return;
        }

        var scope = await CurrentUser.GetScopeAsync();
        var roundId = await Editor.PreviewRoundAsync(countyId, scope);
        noRound = roundId is null;
        previewFailed = false;
        (previewTitle, blocks) = (null, null);
        if (roundId is { } id)
        {
            // The preview is an aid: the wording can be checked and saved without it, so a report that cannot be
            // built is logged and said, not allowed to take the editor down.
            try
            {
                var report = await Reports.HandleAsync(id, scope);
                blocks = RoundReportContent.Build(report, L, Edited);
                previewTitle = report.Title;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogError(ex, "The 通报 preview of round {RoundId} for county {CountyId} could not be built", id, countyId);
                previewFailed = true;
            }
        }
    }

    private Task SaveAsync() =>
        state.SaveAsync(
            Validate,
            async () =>
            {
                template = await Editor.SaveAsync(new ReportTemplateEditor.SaveCommand(countyId, Edited, template?.Version), await CurrentUser.GetScopeAsync());
                await PreviewAsync();
            },
            L["ReportTemplate.Saved"],
            L["ReportTemplate.Conflict"],
            ex => ex is ReportTemplateInvalidException invalid ? invalid.Problems.Select(Describe) : null);
}
