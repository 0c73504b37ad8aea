namespace ContinuityOfCare.Workflows.Cli;

/// <summary>Turns the files and folders named on the command line into the pathway files to read.</summary>
internal static class PathwayFiles
{
    public const string Extension = ".pathway";

    /// <summary>
    /// Each named file, and every <c>.pathway</c> file under each named folder (in ordinal order),
    /// as paths the user will recognise: relative to the working folder when they are inside it.
    /// </summary>
    public static bool TryExpand(IEnumerable<string> arguments, string workingDirectory, TextWriter stderr, out List<(string Display, string Full)> files)
    {
        files = [];
        var ok = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(argument, workingDirectory);
            if (File.Exists(full))
            {
                Add(files, seen, full, workingDirectory);
            }
            else if (Directory.Exists(full))
            {
                var found = Directory.EnumerateFiles(full, "*" + Extension, SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    stderr.WriteLine($"coc: no {Extension} files in '{argument}'.");
                    ok = false;
                }

                foreach (var file in found)
                {
                    Add(files, seen, file, workingDirectory);
                }
            }
            else
            {
                stderr.WriteLine($"coc: '{argument}' is not a file or a folder.");
                ok = false;
            }
        }

        return ok;
    }

    public static string Display(string full, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static void Add(List<(string Display, string Full)> files, HashSet<string> seen, string full, string workingDirectory)
    {
        if (seen.Add(full))
        {
            files.Add((Display(full, workingDirectory), full));
        }
    }
}
