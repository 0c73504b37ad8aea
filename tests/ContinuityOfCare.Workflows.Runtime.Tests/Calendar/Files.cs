using System.Text.Json;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>Small bank holiday files in GOV.UK's shape.</summary>
internal static class Files
{
    /// <summary>A file like GOV.UK's, with all three divisions, for 2026 only.</summary>
    public static readonly string ThreeDivisions = Of(
        Division("england-and-wales", ("New Year’s Day", "2026-01-01"), ("Boxing Day", "2026-12-28")),
        Division("scotland", ("New Year’s Day", "2026-01-01"), ("2nd January", "2026-01-02"), ("St Andrew’s Day", "2026-11-30")),
        Division("northern-ireland", ("St Patrick’s Day", "2026-03-17"), ("Battle of the Boyne (Orangemen’s Day)", "2026-07-13")));

    /// <summary>A whole file of the given divisions.</summary>
    public static string Of(params string[] divisions) => "{" + string.Join(", ", divisions) + "}";

    /// <summary>One division's property of a file.</summary>
    public static string Division(string name, params (string Title, string Date)[] events) =>
        $"{JsonSerializer.Serialize(name)}: " + JsonSerializer.Serialize(new
        {
            division = name,
            events = events.Select(e => new { title = e.Title, date = e.Date, notes = "", bunting = true }),
        });
}

/// <summary>A fresh folder under the temporary directory, deleted afterwards.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"coc-calendar-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
