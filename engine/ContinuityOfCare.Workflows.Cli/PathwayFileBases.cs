using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Parsing;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary>
/// The bases of pathway files kept in a folder tree, as people keep them in git: a local protocol
/// based on pathway X is compiled against the file that declares X in the folder above its own
/// (<c>pathways/national/…</c> for <c>pathways/local/…</c>), taken as the version it names.
/// Publishing, which has versions, reads bases from the store instead.
/// </summary>
internal sealed class PathwayFileBases(string localFile, CompileEnvironment environment, int depth = 0) : IPathwayBaseSource
{
    /// <summary>How many bases deep a chain may go before it is taken to be a loop.</summary>
    private const int MaxDepth = 8;

    /// <summary>Compiles a pathway file, with its base (if it names one) read from the files around it.</summary>
    public static CompilationResult Compile(string path, CompileEnvironment environment) =>
        Compile(new SourceText(File.ReadAllText(path), path), environment);

    public static CompilationResult Compile(SourceText source, CompileEnvironment environment) =>
        PathwayCompiler.Compile(source, environment with { Bases = new PathwayFileBases(source.Path, environment) });

    public BaseLookup Find(string pathwayId, int version)
    {
        var files = Candidates().ToList();
        var found = files.FirstOrDefault(f => f.Id == pathwayId);
        if (found.Path is null || depth >= MaxDepth)
        {
            return new BaseUnknown([.. files.Select(f => f.Id).Distinct().Order(StringComparer.Ordinal)]);
        }

        var source = new SourceText(File.ReadAllText(found.Path), found.Path);
        var compiled = PathwayCompiler.Compile(source, environment with { Bases = new PathwayFileBases(found.Path, environment, depth + 1) });
        return compiled.Definition is { } definition
            ? new BaseFound(definition, DefinitionJson.ContentHash(definition))
            : new BaseUnknown([]);
    }

    /// <summary>The pathway files in the folder above the local file's, with the id each declares.</summary>
    private IEnumerable<(string Path, string Id)> Candidates()
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(localFile));
        var root = folder is null ? null : Path.GetDirectoryName(folder) ?? folder;
        if (root is null || !Directory.Exists(root))
        {
            yield break;
        }

        var self = Path.GetFullPath(localFile);
        foreach (var file in Directory.EnumerateFiles(root, "*.pathway", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (string.Equals(Path.GetFullPath(file), self, StringComparison.Ordinal))
            {
                continue;
            }

            var header = PathwayParser.Parse(File.ReadAllText(file), file).Syntax.Declarations.OfType<HeaderSyntax>().FirstOrDefault();
            if (header is not null)
            {
                yield return (file, header.Id.Name);
            }
        }
    }
}
