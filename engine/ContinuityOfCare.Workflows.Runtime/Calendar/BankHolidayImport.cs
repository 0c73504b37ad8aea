namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>What an import put in place: each division with the years it covers.</summary>
public sealed record BankHolidayImportSummary(string TargetPath, IReadOnlyList<BankHolidayDivisionSummary> Divisions)
{
    public override string ToString() => string.Join(Environment.NewLine, Divisions);
}

/// <summary>One imported division: its name, the years it covers and how many bank holidays it lists.</summary>
public sealed record BankHolidayDivisionSummary(string Name, int FirstYear, int LastYear, int EventCount)
{
    public override string ToString() => $"{Name}: {FirstYear} to {LastYear}, {EventCount} bank holiday{(EventCount == 1 ? "" : "s")}";
}

/// <summary>
/// Puts a newer bank-holidays.json in place for the command line and the server. The file is
/// validated first and then written whole, under a temporary name and renamed over the old one, so a
/// bad file or a failed write leaves the previous file exactly as it was.
/// </summary>
public static class BankHolidayImport
{
    /// <summary>Validates the file at <paramref name="sourcePath"/> and copies it to <paramref name="targetPath"/>.</summary>
    /// <exception cref="CalendarDataException">The file is missing or invalid; nothing was written.</exception>
    public static BankHolidayImportSummary Import(string sourcePath, string targetPath) =>
        Import(BankHolidayFile.ReadBytes(sourcePath), sourcePath, targetPath);

    /// <summary>Validates UTF-8 JSON (an upload, say; <paramref name="source"/> names it in messages) and writes it to <paramref name="targetPath"/>.</summary>
    /// <exception cref="CalendarDataException">The content is invalid; nothing was written.</exception>
    public static BankHolidayImportSummary Import(byte[] utf8Json, string source, string targetPath)
    {
        var file = BankHolidayFile.Parse(utf8Json, source);
        WriteAtomically(utf8Json, targetPath);
        return new BankHolidayImportSummary(
            targetPath,
            file.Divisions.Select(d => new BankHolidayDivisionSummary(d.Name, d.FirstYear, d.LastYear, d.Events.Count)).ToArray());
    }

    private static void WriteAtomically(byte[] content, string targetPath)
    {
        var target = Path.GetFullPath(targetPath);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);

        // Same directory, so the rename never crosses file systems and is atomic.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
