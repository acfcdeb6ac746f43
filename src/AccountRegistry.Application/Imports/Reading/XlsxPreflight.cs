using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace AccountRegistry.Application.Imports.Reading;

/// <summary>
/// Measures every cell of an .xlsx workbook before MiniExcel reads it, without making strings of the cells: XML text
/// is read in chunks and only counted. A 100 KB workbook can unpack to one cell of 100 million characters, which
/// MiniExcel would hold as a 200 MB string (several times over) before any check saw it.
/// </summary>
internal static class XlsxPreflight
{
    /// <summary>Characters of one row, all cells together: a post with every column at its limit, and room to spare.</summary>
    public const int MaxRowLength = ImportLimits.CellLength * 2;

    private const int ChunkLength = 8192;

    /// <summary>False (with the error added) when a cell or a row is too long; the stream is rewound either way.</summary>
    public static bool Check(Stream stream, ImportErrorList errors)
    {
        if (!stream.CanSeek)
        {
            return true;
        }

        var start = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var shared = new List<int>();
            if (zip.GetEntry("xl/sharedStrings.xml") is { } strings && !MeasureSharedStrings(strings, shared, errors))
            {
                return false;
            }

            foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                if (!MeasureSheet(sheet, shared, errors))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or XmlException)
        {
            // Not a workbook: MiniExcel says so in its own words.
            return true;
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static bool MeasureSharedStrings(ZipArchiveEntry entry, List<int> lengths, ImportErrorList errors)
    {
        using var reader = Open(entry);
        var buffer = new char[ChunkLength];
        long current = -1;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                if (current >= 0)
                {
                    lengths.Add((int)current);
                }

                current = 0;
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA && current >= 0)
            {
                current += Count(reader, buffer);
                if (current > ImportLimits.CellLength)
                {
                    TooLong(errors, 0, $"a text of the workbook is longer than {ImportLimits.CellLength:N0} characters", ImportLimits.CellLength);
                    return false;
                }
            }
        }

        if (current >= 0)
        {
            lengths.Add((int)current);
        }

        return true;
    }

    private static bool MeasureSheet(ZipArchiveEntry entry, List<int> shared, ImportErrorList errors)
    {
        using var reader = Open(entry);
        var buffer = new char[ChunkLength];
        var row = 0;
        long rowLength = 0;
        long cellLength = 0;
        var sharedCell = false;
        var inValue = false;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "row":
                    row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                    rowLength = 0;
                    break;
                case XmlNodeType.Element when reader.LocalName == "c":
                    sharedCell = reader.GetAttribute("t") == "s";
                    cellLength = 0;
                    break;
                case XmlNodeType.Element when reader.LocalName is "v" or "t":
                    inValue = !reader.IsEmptyElement;
                    break;
                case XmlNodeType.EndElement when reader.LocalName is "v" or "t":
                    inValue = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inValue:
                    long length;
                    if (sharedCell)
                    {
                        // The value is an index into the shared strings: short, so reading it as a string is safe.
                        var text = reader.Value;
                        length = text.Length <= 10 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : 0;
                    }
                    else
                    {
                        length = Count(reader, buffer);
                    }

                    cellLength += length;
                    rowLength += length;
                    if (cellLength > ImportLimits.CellLength)
                    {
                        TooLong(errors, row, $"a cell of row {row} is longer than {ImportLimits.CellLength:N0} characters", ImportLimits.CellLength);
                        return false;
                    }

                    if (rowLength > MaxRowLength)
                    {
                        TooLong(errors, row, $"row {row} holds more than {MaxRowLength:N0} characters", MaxRowLength);
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>Counts the characters of the current text node by chunks; only a chunk is ever held.</summary>
    private static long Count(XmlReader reader, char[] buffer)
    {
        if (!reader.CanReadValueChunk)
        {
            return reader.Value.Length;
        }

        long total = 0;
        int read;
        while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > ImportLimits.CellLength * 4L)
            {
                break;
            }
        }

        return total;
    }

    private static XmlReader Open(ZipArchiveEntry entry) =>
        XmlReader.Create(entry.Open(), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        });

    private static void TooLong(ImportErrorList errors, int row, string what, long limit) =>
        errors.Add(row, ImportError.WholeRecord, null, ImportErrorCode.TooLong,
            string.Create(CultureInfo.InvariantCulture, $"{what}: no field allows that many; the workbook was not read further."),
            limit.ToString(CultureInfo.InvariantCulture));
}
