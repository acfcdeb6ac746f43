using System.Text;
using AccountRegistry.Domain.Closures;

namespace AccountRegistry.Domain.Tests.Closures;

public sealed class FileSignatureTests
{
    public static TheoryData<byte[], FileKind> Headers() => new()
    {
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], FileKind.Png },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], FileKind.Jpeg },
        { Encoding.ASCII.GetBytes("%PDF-1.7\n"), FileKind.Pdf },
        { Encoding.ASCII.GetBytes("MZ\x90\0\x03"), FileKind.Executable },
        { [0x7F, 0x45, 0x4C, 0x46, 2, 1], FileKind.Executable },
        { Encoding.ASCII.GetBytes("#!/bin/sh\n"), FileKind.Executable },
        { [0x50, 0x4B, 0x03, 0x04, 0x14, 0], FileKind.Archive },
        { Encoding.ASCII.GetBytes("GIF89a"), FileKind.Unknown },
        { Encoding.UTF8.GetBytes("<html>"), FileKind.Unknown },
        { [0x89, 0x50], FileKind.Unknown },
        { [], FileKind.Unknown },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Detect_ReadsTheKindFromTheBytes(byte[] header, FileKind expected)
    {
        Assert.Equal(expected, FileSignature.Detect(header));
    }

    [Fact]
    public void CheckAttachment_ExeRenamedToPng_IsRefusedAsAProgram()
    {
        var error = Assert.Throws<ClosureException>(() => FileSignature.CheckAttachment("注销截图.png", 4096, "MZ\x90\0"u8));

        Assert.Equal(ClosureError.AttachmentIsExecutable, error.Error);
        Assert.Contains("注销截图.png", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAttachment_PdfNamedTxt_IsAcceptedAsPdf()
    {
        Assert.Equal(FileKind.Pdf, FileSignature.CheckAttachment("proof.txt", 1000, "%PDF-1.4"u8));
    }

    [Fact]
    public void CheckAttachment_OverTenMegabytes_IsRefusedBeforeLookingAtTheType()
    {
        var error = Assert.Throws<ClosureException>(() => FileSignature.CheckAttachment("big.png", FileSignature.MaxAttachmentBytes + 1, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));

        Assert.Equal(ClosureError.AttachmentTooLarge, error.Error);
        Assert.Equal(FileKind.Png, FileSignature.CheckAttachment("max.png", FileSignature.MaxAttachmentBytes, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
    }

    [Fact]
    public void CheckAttachment_EmptyOrZip_IsRefused()
    {
        Assert.Equal(ClosureError.AttachmentEmpty, Assert.Throws<ClosureException>(() => FileSignature.CheckAttachment("a.pdf", 0, [])).Error);
        Assert.Equal(ClosureError.AttachmentTypeNotAllowed, Assert.Throws<ClosureException>(() => FileSignature.CheckAttachment("a.pdf", 10, [0x50, 0x4B, 0x03, 0x04])).Error);
    }

    [Theory]
    [InlineData(@"C:\fakepath\截图.png", "截图.png")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a\"b\r\n.pdf", "ab.pdf")]
    [InlineData("   ", "attachment")]
    public void CleanFileName_KeepsOnlyTheBareName(string raw, string expected)
    {
        Assert.Equal(expected, FileSignature.CleanFileName(raw));
    }
}
