using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AccountRegistry.Web.Components.Pages.Inspections;

/// <summary>The 通报 as a Word document (.docx) written with the Open XML SDK: the same blocks as the print page.</summary>
public static class RoundReportDocx
{
    private const string Font = "SimSun";

    public static void Write(IReadOnlyList<ReportBlock> blocks, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        using var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new Body();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ReportHeading h:
                    body.Append(Paragraph(h.Text, bold: true, size: h.Level switch { 0 => 36, 1 => 32, _ => 28 }, center: h.Level == 0));
                    break;
                case ReportParagraph p:
                    body.Append(Paragraph(p.Text, bold: false, size: 28, center: false));
                    break;
                case ReportTable t:
                    if (t.Caption is { } caption)
                    {
                        body.Append(Paragraph(caption, bold: true, size: 24, center: false));
                    }

                    body.Append(Table(t));
                    body.Append(new Paragraph());
                    break;
            }
        }

        body.Append(new SectionProperties(
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1440, Bottom = 1440, Left = 1588U, Right = 1474U }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static Paragraph Paragraph(string text, bool bold, int size, bool center)
    {
        var properties = new ParagraphProperties();
        if (center)
        {
            properties.Append(new Justification { Val = JustificationValues.Center });
        }

        return new Paragraph(properties, Run(text, bold, size));
    }

    private static Run Run(string text, bool bold, int size)
    {
        var properties = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font });
        if (bold)
        {
            properties.Append(new Bold());
        }

        properties.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Table Table(ReportTable source)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(Row(source.Header, bold: true));
        foreach (var row in source.Rows)
        {
            table.Append(Row(row, bold: false));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool bold) =>
        new(cells.Select(c => new TableCell(new Paragraph(Run(c, bold, 21)))));
}
