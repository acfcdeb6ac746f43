using System.Text;
using AccountRegistry.Application.Imports;
using MiniExcelLibs;

namespace AccountRegistry.Application.Tests.Imports;

public sealed class ImportEncodingTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    static ImportEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Import_Gb18030File_StoresTheChineseText()
    {
        var gb18030 = Encoding.GetEncoding(54936);
        var content = gb18030.GetBytes("code,name,level,parent_code\r\nG-C,岳麓区人民政府,county,\r\nG-S,望岳街道办事处,street,G-C\r\n");

        var result = await ImportFixture.ImportBytesAsync(fixture.Services, ("units.csv", content));

        Assert.True(result.Succeeded, string.Join("; ", result.Files.SelectMany(f => f.Errors)));
        Assert.Equal(1, await fixture.ScalarAsync("SELECT count(*) FROM units WHERE code = 'G-S' AND name = '望岳街道办事处'"));
    }

    [Fact]
    public async Task Import_Utf8WithBom_ReadsTheFirstColumnName()
    {
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("code,name,level,parent_code\nU-C,县,county,\n")).ToArray();

        var result = await ImportFixture.ImportBytesAsync(fixture.Services, ("units.csv", content));

        Assert.True(result.Succeeded, string.Join("; ", result.Files.SelectMany(f => f.Errors)));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x63, 0x00, 0x6F, 0x00 })]
    [InlineData(new byte[] { 0x63, 0x6F, 0x64, 0x65, 0x0A, 0x81, 0x20, 0xFF, 0xFF, 0x0A })]
    public async Task Import_UndecodableBytes_IsRejectedWithAClearError(byte[] content)
    {
        var before = await fixture.FingerprintAsync();

        var result = await ImportFixture.ImportBytesAsync(fixture.Services, ("units.csv", content));

        var error = Assert.Single(Assert.Single(result.Files).Errors);
        Assert.Equal(ImportErrorCode.UnreadableFile, error.Code);
        Assert.Contains("units.csv", error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.FingerprintAsync());
    }

    [Fact]
    public async Task Import_DamagedUtf8_IsNotMistakenForGbk()
    {
        var bytes = Encoding.UTF8.GetBytes("code,name,level,parent_code\nD-C,岳麓区人民政府,county,\n").ToList();
        bytes.Insert(bytes.Count - 10, 0xC3);

        var result = await ImportFixture.ImportBytesAsync(fixture.Services, ("units.csv", [.. bytes]));

        var error = Assert.Single(Assert.Single(result.Files).Errors);
        Assert.Equal(ImportErrorCode.UnreadableFile, error.Code);
        Assert.Contains("line 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_XlsxWithTheSameData_GivesTheSameDatabaseAsCsv()
    {
        // Two fresh databases, so that what other tests of this class stored cannot differ between them.
        var csvDatabase = await fixture.Server.CreateDatabaseAsync();
        var xlsxDatabase = await fixture.Server.CreateDatabaseAsync();
        await using var csvServices = fixture.BuildServices(csvDatabase);
        await using var xlsxServices = fixture.BuildServices(xlsxDatabase);

        var csvResult = await ImportFixture.ImportBytesAsync(
            csvServices,
            ("units.csv", Encoding.UTF8.GetBytes(ImportFixture.BaseUnits)),
            ("accounts.csv", Encoding.UTF8.GetBytes(ImportFixture.BaseAccounts)),
            ("posts.csv", Encoding.UTF8.GetBytes(ImportFixture.BasePosts)),
            ("reads.csv", Encoding.UTF8.GetBytes(ImportFixture.BaseReads)));
        var xlsxResult = await ImportFixture.ImportBytesAsync(
            xlsxServices,
            ("units.xlsx", Xlsx(ImportFixture.BaseUnits)),
            ("accounts.xlsx", Xlsx(ImportFixture.BaseAccounts)),
            ("posts.xlsx", Xlsx(ImportFixture.BasePosts)),
            ("reads.xlsx", Xlsx(ImportFixture.BaseReads, numericColumns: ["reads", "likes"])));

        Assert.True(csvResult.Succeeded);
        Assert.True(xlsxResult.Succeeded, string.Join("; ", xlsxResult.Files.SelectMany(f => f.Errors)));
        var csvContent = await ContentAsync(csvDatabase);
        Assert.Contains("gh_wy", csvContent, StringComparison.Ordinal);
        Assert.Equal(csvContent, await ContentAsync(xlsxDatabase));
    }

    [Fact]
    public async Task Import_XlsxWithBadCell_ReportsTheSheetRow()
    {
        var sheet = Xlsx("code,name,level,parent_code\nXL-C,县,county,\nXL-S,街道,town,XL-C\n");

        var result = await ImportFixture.ImportBytesAsync(fixture.Services, ("units.xlsx", sheet));

        Assert.Contains(Assert.Single(result.Files).Errors, e => e.Line == 3 && e.Column == "level" && e.Code == ImportErrorCode.UnknownLevel);
    }

    /// <summary>The CSV's rows as a sheet: text cells, except the named columns, written as numbers (as Excel users do).</summary>
    private static byte[] Xlsx(string csv, string[]? numericColumns = null)
    {
        var lines = new List<List<string>>();
        using (var reader = new Reading.CsvReaderForTests(csv))
        {
            while (reader.Next() is { } fields)
            {
                lines.Add(fields);
            }
        }

        var header = lines[0];
        var rows = lines.Skip(1).Select(fields =>
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < header.Count; i++)
            {
                row[header[i]] = fields[i].Length == 0 ? null
                    : numericColumns?.Contains(header[i]) == true ? long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture)
                    : fields[i];
            }

            return row;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>Everything stored, by natural keys (ids may differ between databases).</summary>
    private static async Task<string> ContentAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var query in new[]
        {
            "SELECT u.code, u.name, u.level, p.code FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.code",
            "SELECT a.platform, a.platform_account_id, a.name, u.code, a.opened_on, a.operator, a.provides_services, a.is_hub, a.status FROM accounts a JOIN units u ON u.id = a.unit_id ORDER BY 1, 2",
            "SELECT a.platform, a.platform_account_id, p.platform_post_id, p.published_at, p.title, p.content, p.is_original, p.url FROM posts p JOIN accounts a ON a.id = p.account_id ORDER BY 1, 2, 3",
            "SELECT a.platform, a.platform_account_id, p.platform_post_id, r.captured_at, r.reads, r.likes, r.shares FROM read_snapshots r JOIN posts p ON p.id = r.post_id JOIN accounts a ON a.id = p.account_id ORDER BY 1, 2, 3, 4",
        })
        {
            await using var command = new Npgsql.NpgsqlCommand(query, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
