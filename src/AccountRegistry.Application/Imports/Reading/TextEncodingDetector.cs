using System.Text;
using System.Text.Unicode;

namespace AccountRegistry.Application.Imports.Reading;

/// <summary>
/// Decides how a CSV file is encoded. The spec's files are UTF-8 (with or without BOM), but Excel on Chinese Windows
/// saves "CSV" as GB18030/GBK: a file whose bytes are not valid UTF-8 is read as GB18030 when they are valid
/// GB18030. Anything else is refused with the place it breaks, rather than imported as mojibake.
/// </summary>
internal static class TextEncodingDetector
{
    private const int GbCodePage = 54936;

    /// <summary>A file with this many well-formed three- or four-byte UTF-8 characters before a bad byte is damaged UTF-8, not GBK.</summary>
    private const int DamagedUtf8Evidence = 3;

    static TextEncodingDetector()
    {
        // GB18030 lives in the code-pages provider, which .NET Core does not register by itself.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        StrictGb18030 = Encoding.GetEncoding(GbCodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding StrictGb18030 { get; }

    public sealed record Detection(Encoding? Encoding, string? Problem);

    /// <summary>Reads the stream once (it must be seekable) and rewinds it.</summary>
    public static Detection Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        try
        {
            Span<byte> head = stackalloc byte[4];
            var headLength = ReadAtMost(stream, head);
            stream.Position = start;
            if (headLength >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
            {
                return new Detection(null, "the file is UTF-16; save it as UTF-8 (CSV UTF-8) or GB18030.");
            }

            if (IsValidUtf8(stream))
            {
                return new Detection(StrictUtf8, null);
            }

            stream.Position = start;
            var (line, offset, wideCharacters) = FirstUtf8Error(stream);
            if (wideCharacters >= DamagedUtf8Evidence)
            {
                return new Detection(null, $"the file is UTF-8 but has an invalid byte at line {line} (byte offset {offset}).");
            }

            stream.Position = start;
            var gbProblem = Gb18030Problem(stream);
            return gbProblem is null
                ? new Detection(StrictGb18030, null)
                : new Detection(null, $"the file is neither UTF-8 nor GB18030/GBK ({gbProblem}).");
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static int ReadAtMost(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Vectorised validation chunk by chunk; a character split across two chunks is carried over.</summary>
    private static bool IsValidUtf8(Stream stream)
    {
        var buffer = new byte[1 << 20];
        var carried = 0;
        while (true)
        {
            var read = stream.Read(buffer, carried, buffer.Length - carried);
            var length = carried + read;
            if (read == 0)
            {
                return Utf8.IsValid(buffer.AsSpan(0, length));
            }

            // Cut before the last lead byte if its sequence may continue in the next chunk.
            var cut = length;
            for (var i = length - 1; i >= Math.Max(0, length - 4); i--)
            {
                if ((buffer[i] & 0xC0) != 0x80)
                {
                    cut = buffer[i] < 0x80 ? i + 1 : i;
                    break;
                }
            }

            if (!Utf8.IsValid(buffer.AsSpan(0, cut)))
            {
                return false;
            }

            carried = length - cut;
            Array.Copy(buffer, cut, buffer, 0, carried);
        }
    }

    /// <summary>Only on the failure path: where the first bad byte is, and how much real multi-byte UTF-8 came before it.</summary>
    private static (long Line, long Offset, int WideCharacters) FirstUtf8Error(Stream stream)
    {
        var buffer = new byte[1 << 16];
        long offset = 0;
        long line = 1;
        var wide = 0;
        var carried = 0;
        while (true)
        {
            var read = stream.Read(buffer, carried, buffer.Length - carried);
            var length = carried + read;
            var position = 0;
            while (position < length)
            {
                var status = System.Text.Rune.DecodeFromUtf8(buffer.AsSpan(position, length - position), out _, out var consumed);
                if (status == System.Buffers.OperationStatus.NeedMoreData && read > 0)
                {
                    break;
                }

                if (status != System.Buffers.OperationStatus.Done)
                {
                    return (line, offset, wide);
                }

                if (buffer[position] == (byte)'\n')
                {
                    line++;
                }

                if (consumed >= 3)
                {
                    wide++;
                }

                position += consumed;
                offset += consumed;
            }

            if (read == 0)
            {
                return (line, offset, wide);
            }

            carried = length - position;
            Array.Copy(buffer, position, buffer, 0, carried);
        }
    }

    private static string? Gb18030Problem(Stream stream)
    {
        var decoder = StrictGb18030.GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[1 << 16];
        long offset = 0;
        while (true)
        {
            var read = stream.Read(bytes, 0, bytes.Length);
            try
            {
                var span = bytes.AsSpan(0, read);
                var flush = read == 0;
                while (true)
                {
                    decoder.Convert(span, chars, flush, out var used, out _, out var completed);
                    span = span[used..];
                    if (completed || span.IsEmpty)
                    {
                        break;
                    }
                }
            }
            catch (DecoderFallbackException ex)
            {
                return $"invalid byte near offset {offset + Math.Max(0, ex.Index)}";
            }

            if (read == 0)
            {
                return null;
            }

            offset += read;
        }
    }
}
