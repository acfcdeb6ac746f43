namespace AccountRegistry.Domain.Closures;

/// <summary>What a file's first bytes say it is. The name and the browser's content type are the user's claim; these bytes are not.</summary>
public enum FileKind
{
    Unknown,
    Png,
    Jpeg,
    Pdf,

    /// <summary>A Windows (MZ), Linux (ELF) or macOS (Mach-O) program, or a script with a #! line.</summary>
    Executable,

    /// <summary>ZIP (also .docx/.xlsx), RAR, 7z or gzip.</summary>
    Archive,
}

public static class FileSignature
{
    /// <summary>Ten megabytes: a phone screenshot or a scanned confirmation fits many times over.</summary>
    public const long MaxAttachmentBytes = 10L * 1024 * 1024;

    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int HeaderLength = 8;

    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[][] ExecutableMagics =
    [
        "MZ"u8.ToArray(),
        [0x7F, 0x45, 0x4C, 0x46],
        [0xFE, 0xED, 0xFA, 0xCE],
        [0xFE, 0xED, 0xFA, 0xCF],
        [0xCE, 0xFA, 0xED, 0xFE],
        [0xCF, 0xFA, 0xED, 0xFE],
        "#!"u8.ToArray(),
    ];

    private static readonly byte[][] ArchiveMagics =
    [
        [0x50, 0x4B, 0x03, 0x04],
        "Rar!"u8.ToArray(),
        [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],
        [0x1F, 0x8B],
    ];

    public static FileKind Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(PngMagic))
        {
            return FileKind.Png;
        }

        if (header.StartsWith(JpegMagic))
        {
            return FileKind.Jpeg;
        }

        if (header.StartsWith(PdfMagic))
        {
            return FileKind.Pdf;
        }

        foreach (var magic in ExecutableMagics)
        {
            if (header.StartsWith(magic))
            {
                return FileKind.Executable;
            }
        }

        foreach (var magic in ArchiveMagics)
        {
            if (header.StartsWith(magic))
            {
                return FileKind.Archive;
            }
        }

        return FileKind.Unknown;
    }

    public static bool IsAllowedAttachment(this FileKind kind) => kind is FileKind.Png or FileKind.Jpeg or FileKind.Pdf;

    public static string ContentTypeOf(FileKind kind) => kind switch
    {
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Pdf => "application/pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only PNG, JPEG and PDF are stored."),
    };

    /// <summary>
    /// Checks size and signature before anything is stored. Returns the detected kind; throws a
    /// <see cref="ClosureException"/> naming the file and the problem otherwise.
    /// </summary>
    public static FileKind CheckAttachment(string fileName, long sizeBytes, ReadOnlySpan<byte> header)
    {
        if (sizeBytes <= 0)
        {
            throw new ClosureException(ClosureError.AttachmentEmpty, $"File '{fileName}' is empty.");
        }

        if (sizeBytes > MaxAttachmentBytes)
        {
            throw new ClosureException(
                ClosureError.AttachmentTooLarge,
                $"File '{fileName}' has {sizeBytes} bytes; the limit is {MaxAttachmentBytes} bytes (10 MB).");
        }

        var kind = Detect(header);
        return kind switch
        {
            FileKind.Png or FileKind.Jpeg or FileKind.Pdf => kind,
            FileKind.Executable => throw new ClosureException(
                ClosureError.AttachmentIsExecutable,
                $"File '{fileName}' is a program, not a PNG, JPEG or PDF, whatever its name says."),
            _ => throw new ClosureException(
                ClosureError.AttachmentTypeNotAllowed,
                $"File '{fileName}' is not a PNG, JPEG or PDF (checked by its content, not its name)."),
        };
    }

    /// <summary>The bare file name: no directories (a browser may send "C:\fakepath\x.png"), no control characters, at most 200 characters.</summary>
    public static string CleanFileName(string? fileName)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c != '"').ToArray()).Trim();
        if (name.Length == 0)
        {
            return "attachment";
        }

        return name.Length <= 200 ? name : name[^200..];
    }
}
