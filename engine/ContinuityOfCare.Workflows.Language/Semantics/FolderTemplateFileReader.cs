namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>
/// Reads template files only from inside one folder (a server's pathways folder), for pathway texts
/// that arrive over the network rather than from a file. A template named beside a pathway file in
/// the folder is found there; a text with no file of its own (typed in the designer) finds it in
/// whichever folder of the tree holds that relative path. Nothing outside the folder is ever read:
/// rooted paths and <c>..</c> are refused, so a pathway cannot pull another file of the server's
/// into a published definition.
/// </summary>
public sealed class FolderTemplateFileReader(string folder) : ITemplateFileReader
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    /// <summary>Reads nothing at all: for a server with no pathways folder.</summary>
    public static ITemplateFileReader None { get; } = new NoTemplateFiles();

    public string? Read(string pathwayPath, string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath)
            || relativePath.Split('/', '\\').Any(part => part == ".."))
        {
            return null;
        }

        foreach (var folder in Candidates(pathwayPath))
        {
            var path = Path.GetFullPath(Path.Combine(folder, relativePath));
            if (Inside(path) && File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        return null;
    }

    /// <summary>The pathway file's own folder first (when it is inside), then every folder of the tree in order.</summary>
    private IEnumerable<string> Candidates(string pathwayPath)
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        if (!string.IsNullOrEmpty(pathwayPath) && Path.GetDirectoryName(Path.GetFullPath(pathwayPath, _root)) is { } beside && Inside(Path.Combine(beside, "x")))
        {
            yield return beside;
        }

        yield return _root;
        foreach (var sub in Directory.EnumerateDirectories(_root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return sub;
        }
    }

    private bool Inside(string path) => path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private sealed class NoTemplateFiles : ITemplateFileReader
    {
        public string? Read(string pathwayPath, string relativePath) => null;
    }
}
