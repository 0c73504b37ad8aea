namespace ContinuityOfCare.Workflows.Cli;

/// <summary>What <c>coc</c> exits with, so scripts and CI can act on it.</summary>
public static class ExitCodes
{
    /// <summary>Everything checked is clean (warnings allowed), or the command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A pathway has errors, or <c>fmt --check</c> found a file not in the canonical layout.</summary>
    public const int Problems = 1;

    /// <summary>The command line was wrong: an unknown option, a missing argument, a path that does not exist.</summary>
    public const int Usage = 2;
}
