using AccountRegistry.Domain.Inspections;

namespace AccountRegistry.Domain.Tests.Inspections;

public sealed class ReportTemplateTextTests
{
    private static readonly ReportTemplateText Known = new("关于“{轮次名称}”的通报", "合格率{通过率}", "{整改期限}前整改\n第二段", "区委网信办", "{发布日期}");

    [Fact]
    public void Problems_KnownFieldsOnly_None() => Assert.Empty(Known.Problems());

    [Theory]
    [InlineData("请于{整改日期}前整改", "整改日期")]
    [InlineData("{ 通过率}", " 通过率")]
    [InlineData("{}", "")]
    public void Problems_UnknownField_NamesThePartAndTheField(string requirements, string field) =>
        Assert.Equal([new ReportTemplateProblem(ReportTemplatePart.Requirements, field)], (Known with { Requirements = requirements }).Problems());

    [Fact]
    public void Problems_TitleTooLong_NamesThePart() =>
        Assert.Equal([new ReportTemplateProblem(ReportTemplatePart.Title, null)], (Known with { Title = new string('标', ReportTemplateText.MaxTitleLength + 1) }).Problems());

    [Fact]
    public void Fill_ReplacesEveryOccurrence_AndLeavesTextWithoutBracesAlone()
    {
        var values = new Dictionary<string, string> { ["轮次名称"] = "第四季度抽查", ["通过率"] = "75.0%" };

        Assert.Equal("关于“第四季度抽查”的通报", Known.Fill(ReportTemplatePart.Title, values));
        Assert.Equal("合格率75.0%", Known.Fill(ReportTemplatePart.Opening, values));
        Assert.Equal("区委网信办", Known.Fill(ReportTemplatePart.Signature, values));
    }

    [Fact]
    public void Json_RoundTrips() => Assert.Equal(Known, ReportTemplateText.FromJson(Known.ToJson()));
}
