using System.Text.RegularExpressions;

namespace ContinuityOfCare.Workflows.Cli.Tests;

/// <summary><c>coc publish</c>, <c>coc versions</c> and <c>coc retract</c> against the data folder's SQLite database.</summary>
public class VersionCommandsTests
{
    private const string Partnership = "Testshire (fictional)";

    private static string Publish(TempFolder folder, string text, string note = "First protocol", string file = "sample.pathway")
    {
        folder.Write(file, text);
        var run = CocRunner.Run(folder.Path, "publish", file, "--author", "Pat Lead", "--note", note);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        return run.Output;
    }

    [Fact]
    public void PublishWritesVersionOneIntoTheDefaultDataFolder()
    {
        using var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.Clean);

        var run = CocRunner.Run(folder.Path, "publish", "sample.pathway", "--author", "Pat Lead", "--note", "First protocol");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches($"^Published pathway 'sample' in '{Regex.Escape(Partnership)}' as version 1 \\(sha256:[0-9a-f]{{64}}\\)\\.\n$", run.Output);
        Assert.Equal("", run.Error);
        Assert.True(File.Exists(Path.Combine(folder.Path, "data", "continuity.db")));
    }

    [Fact]
    public void PublishingTheSameContentAgainSaysWhichVersionHasItAndWritesNothing()
    {
        using var folder = new TempFolder();
        Publish(folder, Samples.Clean);

        var again = Publish(folder, Samples.Untidy, note: "Tidied");
        var versions = CocRunner.Run(folder.Path, "versions");

        Assert.Equal($"Pathway 'sample' in '{Partnership}' is already published as version 1 with this content; nothing was written.\n", again);
        Assert.Equal(1, versions.OutputLines.Count(l => l.Contains("Pat Lead", StringComparison.Ordinal)));
    }

    [Fact]
    public void APathwayWithErrorsIsNotPublishedAndExitsOne()
    {
        using var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.SyntaxErrors);

        var run = CocRunner.Run(folder.Path, "publish", "sample.pathway", "--author", "Pat Lead", "--note", "Broken");
        var versions = CocRunner.Run(folder.Path, "versions");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.Equal(2, Regex.Count(run.Error, @"^sample\.pathway\(\d+,\d+\): error COC\d{4}: ", RegexOptions.Multiline));
        Assert.EndsWith("sample.pathway: The pathway has 2 errors; nothing was published.\n", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        Assert.Equal("No published versions.\n", versions.Output);
    }

    [Fact]
    public void PublishWithoutAnAuthorOrAFileIsAUsageError()
    {
        using var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.Clean);

        var noAuthor = CocRunner.Run(folder.Path, "publish", "sample.pathway", "--note", "First protocol");
        var noFile = CocRunner.Run(folder.Path, "publish", "missing.pathway", "--author", "Pat Lead", "--note", "First protocol");
        var blankNote = CocRunner.Run(folder.Path, "publish", "sample.pathway", "--author", "Pat Lead", "--note", " ");

        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage, ExitCodes.Usage), (noAuthor.ExitCode, noFile.ExitCode, blankNote.ExitCode));
        Assert.Contains("--author", noAuthor.Error, StringComparison.Ordinal);
        Assert.Equal("coc: 'missing.pathway' is not a file.\n", noFile.Error);
        Assert.Equal("coc: Publishing needs a change note: say what changed and why.\n", blankNote.Error);
        Assert.Equal("No published versions.\n", CocRunner.Run(folder.Path, "versions").Output);
    }

    [Fact]
    public void VersionsListsEachVersionWithItsAuthorNoteAndStatus()
    {
        using var folder = new TempFolder();
        Publish(folder, Samples.Clean);
        Publish(folder, Samples.WithWarning, note: "Added a spare agency");
        Publish(folder, Samples.Clean.Replace("Testshire", "Exampleton", StringComparison.Ordinal), file: "exampleton.pathway");
        CocRunner.Run(folder.Path, "retract", "sample", "2", "--partnership", Partnership, "--author", "Kim Lead", "--reason", "Spare agency not agreed");

        var run = CocRunner.Run(folder.Path, "versions", "sample", "--partnership", Partnership);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.OutputLines;
        Assert.Equal(5, lines.Length);
        Assert.Equal($"sample in {Partnership}:", lines[0]);
        Assert.Matches(@"^    1  \d{4}-\d\d-\d\d \d\d:\d\d UTC  Pat Lead  0 cases running  current: new cases start on it$", lines[1]);
        Assert.Matches(@"^       First protocol  \(sha256:[0-9a-f]{64}\)$", lines[2]);
        Assert.Matches(@"^    2  \d{4}-\d\d-\d\d \d\d:\d\d UTC  Pat Lead  0 cases running  retracted \d{4}-\d\d-\d\d \d\d:\d\d UTC by Kim Lead: Spare agency not agreed$", lines[3]);
        Assert.Matches(@"^       Added a spare agency  \(sha256:[0-9a-f]{64}\)$", lines[4]);
    }

    [Fact]
    public void RetractSaysWhereNewCasesStartAndRefusesASecondRetraction()
    {
        using var folder = new TempFolder();
        Publish(folder, Samples.Clean);
        Publish(folder, Samples.WithWarning, note: "Added a spare agency");

        var run = CocRunner.Run(folder.Path, "retract", "sample", "2", "--partnership", Partnership, "--author", "Kim Lead", "--reason", "Spare agency not agreed");
        var again = CocRunner.Run(folder.Path, "retract", "sample", "2", "--partnership", Partnership, "--author", "Kim Lead", "--reason", "Twice");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"Retracted version 2 of pathway 'sample' in '{Partnership}'.\n0 cases running on it carry on. New cases start on version 1.\n", run.Output);
        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.Matches($"^coc: Version 2 of pathway 'sample' in '{Regex.Escape(Partnership)}' was already retracted by Kim Lead at .+: Spare agency not agreed\nNothing was changed\\.\n$", again.Error);
    }

    [Fact]
    public void RetractingAnUnknownVersionIsRefused()
    {
        using var folder = new TempFolder();
        Publish(folder, Samples.Clean);

        var unknown = CocRunner.Run(folder.Path, "retract", "sample", "3", "--partnership", Partnership, "--author", "Kim Lead", "--reason", "Mistake");
        var noReason = CocRunner.Run(folder.Path, "retract", "sample", "1", "--partnership", Partnership, "--author", "Kim Lead");

        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Equal($"coc: There is no version 3 of pathway 'sample' in '{Partnership}': its versions are 1 to 1.\nNothing was changed.\n", unknown.Error);
        Assert.Equal(ExitCodes.Usage, noReason.ExitCode);
        Assert.Contains("--reason", noReason.Error, StringComparison.Ordinal);
        Assert.Contains("current: new cases start on it", CocRunner.Run(folder.Path, "versions").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDataFolderCanBeChosen()
    {
        using var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.Clean);

        var run = CocRunner.Run(folder.Path, "publish", "sample.pathway", "--author", "Pat Lead", "--note", "First protocol", "--data-folder", "shared/store");
        var elsewhere = CocRunner.Run(folder.Path, "versions");
        var there = CocRunner.Run(folder.Path, "versions", "--data-folder", "shared/store");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("No published versions.\n", elsewhere.Output);
        Assert.StartsWith($"sample in {Partnership}:\n    1  ", there.Output, StringComparison.Ordinal);
    }
}
