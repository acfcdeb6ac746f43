namespace AccountRegistry.Application.Imports;

public enum ImportPhase
{
    Reading,
    Checking,
    Writing,
    Done,
}

/// <summary>Where an import stands: rows read so far from one file, and what it is doing.</summary>
public sealed record ImportProgress(string File, ImportKind Kind, long RowsRead, ImportPhase Phase, long? FileBytes = null, long? BytesRead = null);
