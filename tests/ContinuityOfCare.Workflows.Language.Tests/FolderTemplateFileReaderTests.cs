using ContinuityOfCare.Workflows.Language.Semantics;

namespace ContinuityOfCare.Workflows.Language.Tests;

/// <summary>Template files for texts that arrive over the network: found inside the pathways folder, and nowhere else.</summary>
public sealed class FolderTemplateFileReaderTests : IDisposable
{
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "coc-templates-" + Guid.NewGuid().ToString("N"));
    private readonly string _root;

    public FolderTemplateFileReaderTests()
    {
        _root = Path.Combine(_outside, "pathways");
        Directory.CreateDirectory(Path.Combine(_root, "local", "templates"));
        File.WriteAllText(Path.Combine(_root, "local", "templates", "alert.sbn"), "Alert for {{ person.prison_number }}");
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "not for pathways");
    }

    public void Dispose() => Directory.Delete(_outside, recursive: true);

    [Fact]
    public void ATemplateBesideAPathwayFileInTheFolderIsRead() =>
        Assert.Equal("Alert for {{ person.prison_number }}", new FolderTemplateFileReader(_root).Read(Path.Combine(_root, "local", "riverside.pathway"), "templates/alert.sbn"));

    [Fact]
    public void ATextTypedInTheDesignerFindsTheTemplateWhereverTheFolderHoldsIt() =>
        Assert.Equal("Alert for {{ person.prison_number }}", new FolderTemplateFileReader(_root).Read("pathway.pathway", "templates/alert.sbn"));

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("../../secret.txt")]
    [InlineData("templates/../../../secret.txt")]
    public void NothingOutsideTheFolderIsRead(string relativePath)
    {
        var reader = new FolderTemplateFileReader(_root);

        Assert.Null(reader.Read(Path.Combine(_root, "local", "riverside.pathway"), relativePath));
        Assert.Null(reader.Read("pathway.pathway", Path.Combine(_outside, "secret.txt")));
        Assert.Null(reader.Read(Path.Combine(_outside, "elsewhere.pathway"), "secret.txt"));
    }

    [Fact]
    public void AServerWithNoPathwaysFolderReadsNoTemplateFiles() =>
        Assert.Null(FolderTemplateFileReader.None.Read(Path.Combine(_root, "local", "riverside.pathway"), "templates/alert.sbn"));
}
