namespace AccountRegistry.Cli;

/// <summary>The exit codes of spec/interchange.md.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;
    public const int DatabaseUnreachable = 3;
}
