using AccountRegistry.Application.Imports.Reading;

namespace AccountRegistry.Application.Tests.Imports.Reading;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void Read_Rfc4180Quoting_ReturnsFieldsAndStartLines()
    {
        var csv = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"one\ntwo\r\nthree\"\n\nlast,,\"\"";
        using var reader = new CsvRecordReader(new StringReader(csv));
        var records = new List<(int Line, string[] Fields)>();
        while (reader.Read() == CsvRecordReader.Result.Record)
        {
            records.Add((reader.RecordLine, [.. reader.Fields]));
        }

        Assert.Equal(3, records.Count);
        Assert.Equal([1, 2, 6], records.Select(r => r.Line));
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["x, y", "say \"hi\"", "one\ntwo\r\nthree"], records[1].Fields);
        Assert.Equal(["last", string.Empty, string.Empty], records[2].Fields);
    }

    [Fact]
    public void Read_FieldsLongerThanTheBuffer_AreKeptWhole()
    {
        var big = new string('字', 200_000);
        using var reader = new CsvRecordReader(new StringReader($"h1,h2\n\"{big}\",{big}\n"));

        reader.Read();
        reader.Read();

        Assert.Equal([big, big], reader.Fields);
    }

    [Fact]
    public void Read_UnclosedQuote_ReportsTheLineWhereTheRecordStarts()
    {
        using var reader = new CsvRecordReader(new StringReader("h\nok\n\"open\nmore\n"));

        reader.Read();
        reader.Read();
        var result = reader.Read();

        Assert.Equal((CsvRecordReader.Result.UnterminatedQuote, 3), (result, reader.RecordLine));
    }
}
