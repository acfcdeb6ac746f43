using System.Text;

namespace AccountRegistry.Application.Imports.Reading;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, a quote inside quotes written
/// twice, quoted fields may span lines. Records end at CRLF, LF or CR. It keeps the physical line where each record
/// starts, so errors name the line a person sees in an editor. Blank lines are skipped.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader) : IDisposable
{
    private readonly char[] buffer = new char[1 << 16];
    private readonly StringBuilder field = new();
    private int position;
    private int length;
    private long line = 1;
    private bool ended;

    public enum Result
    {
        Record,
        End,

        /// <summary>A quoted field never closed: the rest of the file is one broken record.</summary>
        UnterminatedQuote,
    }

    /// <summary>The fields of the record just read (reused between calls).</summary>
    public List<string> Fields { get; } = [];

    /// <summary>The physical line on which the record just read starts.</summary>
    public int RecordLine { get; private set; }

    /// <summary>Characters consumed so far, for progress.</summary>
    public long CharactersRead { get; private set; }

    /// <summary>
    /// Characters kept of one field; the rest is read and dropped, so a 100-million-character field costs no more
    /// memory than a long post. The field checks then refuse it as too long (no column allows this many).
    /// </summary>
    public const int MaxFieldLength = ImportLimits.CellLength;

    public Result Read()
    {
        Fields.Clear();
        if (!SkipBlankLines())
        {
            return Result.End;
        }

        RecordLine = (int)Math.Min(line, int.MaxValue);
        while (true)
        {
            field.Clear();
            if (Peek() == '"')
            {
                Advance();
                if (!ReadQuoted())
                {
                    return Result.UnterminatedQuote;
                }
            }

            ReadUnquotedRun();
            Fields.Add(field.ToString());

            var next = Peek();
            switch (next)
            {
                case ',':
                    Advance();
                    continue;
                case '\r':
                    Advance();
                    if (Peek() == '\n')
                    {
                        Advance();
                    }

                    line++;
                    return Result.Record;
                case '\n':
                    Advance();
                    line++;
                    return Result.Record;
                default:
                    // End of input.
                    return Result.Record;
            }
        }
    }

    /// <summary>Skips empty lines; false at the end of input.</summary>
    private bool SkipBlankLines()
    {
        while (true)
        {
            var c = Peek();
            switch (c)
            {
                case -1:
                    return false;
                case '\n':
                    Advance();
                    line++;
                    break;
                case '\r':
                    Advance();
                    if (Peek() == '\n')
                    {
                        Advance();
                    }

                    line++;
                    break;
                default:
                    return true;
            }
        }
    }

    /// <summary>Reads up to the closing quote (consumed). False when the input ends first.</summary>
    private bool ReadQuoted()
    {
        while (true)
        {
            if (!EnsureData())
            {
                return false;
            }

            if (!KeepUntil('"', '\n', '\r'))
            {
                continue;
            }

            var c = (char)Peek();
            Advance();
            if (c == '"')
            {
                if (Peek() == '"')
                {
                    Keep("\"");
                    Advance();
                    continue;
                }

                return true;
            }

            Keep([c]);
            if (c == '\n')
            {
                line++;
            }
            else if (Peek() != '\n')
            {
                // A lone CR ends a line; CR LF counts once, at the LF.
                line++;
            }
        }
    }

    /// <summary>Characters up to the next comma or line end. After a closing quote these are kept as text (lenient).</summary>
    private void ReadUnquotedRun()
    {
        while (EnsureData())
        {
            if (KeepUntil(',', '\n', '\r'))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Keeps the buffered characters before the first of the three and stops at it (true), or keeps all that is
    /// buffered (false: the caller reads on).
    /// </summary>
    private bool KeepUntil(char first, char second, char third)
    {
        var span = buffer.AsSpan(position, length - position);
        var stop = span.IndexOfAny(first, second, third);
        var kept = stop < 0 ? span : span[..stop];
        Keep(kept);
        Advance(kept.Length);
        return stop >= 0;
    }

    private int Peek() => EnsureData() ? buffer[position] : -1;

    private void Advance(int count = 1)
    {
        position += count;
        CharactersRead += count;
    }

    private bool EnsureData()
    {
        if (position < length)
        {
            return true;
        }

        if (ended)
        {
            return false;
        }

        length = reader.ReadBlock(buffer, 0, buffer.Length);
        position = 0;
        if (length == 0)
        {
            ended = true;
            return false;
        }

        return true;
    }

    public void Dispose() => reader.Dispose();

    private void Keep(ReadOnlySpan<char> text)
    {
        var room = MaxFieldLength - field.Length;
        if (room > 0)
        {
            field.Append(text.Length <= room ? text : text[..room]);
        }
    }
}
