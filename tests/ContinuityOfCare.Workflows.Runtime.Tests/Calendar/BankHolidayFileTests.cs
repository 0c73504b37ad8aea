using System.Text.Json;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using static ContinuityOfCare.Workflows.Runtime.Tests.Calendar.Deadlines;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>Reading and validating files in GOV.UK's bank-holidays.json shape. Rows write JSON with ' for ".</summary>
public sealed class BankHolidayFileTests
{
    [Theory]
    [InlineData("[]",
        "test.json must be a JSON object with one property per division, such as \"england-and-wales\", but it is a list.")]
    [InlineData("{}",
        "test.json: there are no divisions; expected at least one, such as \"england-and-wales\".")]
    [InlineData("{'england-and-wales': []}",
        "test.json: division 'england-and-wales' must be an object with \"division\" and \"events\", but it is a list.")]
    [InlineData("{'england-and-wales': {'events': [{'title': 'Boxing Day', 'date': '2026-12-28'}]}}",
        "test.json: division 'england-and-wales' has no \"division\" name.")]
    [InlineData("{'england-and-wales': {'division': 'scotland', 'events': [{'title': 'Boxing Day', 'date': '2026-12-28'}]}}",
        "test.json: division 'england-and-wales' calls itself 'scotland' in its \"division\" property; the two names must be the same.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales'}}",
        "test.json: division 'england-and-wales' has no \"events\" list.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': []}}",
        "test.json: division 'england-and-wales' has no events.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': ['2026-12-28']}}",
        "test.json: division 'england-and-wales', events[0] must be an object with \"title\" and \"date\", but it is text.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': [{'date': '2026-12-28'}]}}",
        "test.json: division 'england-and-wales', events[0] has no title.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': [{'title': 'Boxing Day'}]}}",
        "test.json: division 'england-and-wales', events[0] ('Boxing Day') has no date.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': [{'title': 'Christmas Day', 'date': '2026-12-25'}, {'title': 'Boxing Day', 'date': '28/12/2026'}]}}",
        "test.json: division 'england-and-wales', events[1] ('Boxing Day'): '28/12/2026' is not a date in the form YYYY-MM-DD.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': [{'title': 'Boxing Day', 'date': '2026-02-30'}]}}",
        "test.json: division 'england-and-wales', events[0] ('Boxing Day'): '2026-02-30' is not a date in the form YYYY-MM-DD.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': [{'title': 'Christmas Day', 'date': '2026-12-25'}, {'title': 'Christmas Day', 'date': '2026-12-25'}]}}",
        "test.json: division 'england-and-wales', events[1] ('Christmas Day'): 2026-12-25 is already listed as events[0].")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': [{'title': 'Boxing Day', 'date': '2026-12-28', 'notes': 1}]}}",
        "test.json: division 'england-and-wales', events[0] ('Boxing Day'): \"notes\" must be text.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': [{'title': 'Boxing Day', 'date': '2026-12-28', 'bunting': 'yes'}]}}",
        "test.json: division 'england-and-wales', events[0] ('Boxing Day'): \"bunting\" must be true or false.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': [{'title': 'Christmas Day', 'date': '2025-12-25'}, {'title': 'Christmas Day', 'date': '2027-12-25'}]}}",
        "test.json: division 'england-and-wales' has no events in 2026, although it covers 2025 to 2027; every year in that range must list its bank holidays.")]
    [InlineData("{'scotland': {'division': 'scotland', 'events': [{'title': 'St Andrew’s Day', 'date': '2026-11-30'}]}, 'scotland': {'division': 'scotland', 'events': [{'title': 'St Andrew’s Day', 'date': '2026-11-30'}]}}",
        "test.json: division 'scotland' is given twice.")]
    [InlineData("{'england-and-wales': {'division': 'england-and-wales', 'events': [{'date': '2026-12-28'}, {'title': 'Boxing Day', 'date': 'soon'}]}}",
        "test.json has 2 problems: division 'england-and-wales', events[0] has no title; division 'england-and-wales', events[1] ('Boxing Day'): 'soon' is not a date in the form YYYY-MM-DD.")]
    public void AMalformedFileIsRefusedWithAMessageNamingTheProblem(string json, string message)
    {
        var error = Assert.Throws<CalendarDataException>(() => BankHolidayFile.Parse(json.Replace('\'', '"'), "test.json"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void TextThatIsNotJsonIsRefused()
    {
        var error = Assert.Throws<CalendarDataException>(() => BankHolidayFile.Parse("{\"england-and-wales\": ", "test.json"));

        Assert.StartsWith("test.json is not valid JSON: ", error.Message);
    }

    [Fact]
    public void AFileWithSeveralDivisionsLoadsThemAll()
    {
        var file = BankHolidayFile.Parse(Files.ThreeDivisions, "gov.uk.json");

        Assert.Equal(["england-and-wales", "scotland", "northern-ireland"], file.Divisions.Select(d => d.Name));
        Assert.Equal(
            new BankHoliday("St Patrick’s Day", Date("2026-03-17"), "", true),
            file.Divisions[2].Events[0]);
    }

    [Fact]
    public void EventsAreSortedByDateWhateverTheFileOrder()
    {
        var file = BankHolidayFile.Parse(Files.Of(Files.Division("scotland", ("Boxing Day", "2026-12-28"), ("New Year’s Day", "2026-01-01"))), "test.json");

        Assert.Equal([Date("2026-01-01"), Date("2026-12-28")], file.Divisions[0].Events.Select(e => e.Date));
    }

    [Fact]
    public void AByteOrderMarkIsAllowed()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Files.ThreeDivisions)).ToArray();

        Assert.Equal(3, BankHolidayFile.Parse(bytes, "test.json").Divisions.Count);
    }

    [Fact]
    public void TheBuiltInFileIsInGovUksShape()
    {
        using var stream = typeof(BankHolidayFile).Assembly.GetManifestResourceStream("ContinuityOfCare.Workflows.Runtime.Calendar.bank-holidays.json")!;
        using var document = JsonDocument.Parse(stream);

        var division = document.RootElement.GetProperty("england-and-wales");
        Assert.Equal("england-and-wales", division.GetProperty("division").GetString());
        Assert.All(division.GetProperty("events").EnumerateArray(), e =>
            Assert.Equal(["title", "date", "notes", "bunting"], e.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(83, division.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public void SubstituteDaysAreNotedAsGovUkNotesThem()
    {
        var substitutes = BankHolidayFile.Embedded.Divisions[0].Events.Where(e => e.Notes == "Substitute day").Select(e => Iso(e.Date));

        Assert.Equal(
            ["2020-12-28", "2021-12-27", "2021-12-28", "2022-01-03", "2022-12-27", "2023-01-02", "2026-12-28", "2027-12-27", "2027-12-28"],
            substitutes);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<CalendarDataException>(() => BankHolidayFile.Load(path));

        Assert.Equal($"There is no bank holiday file at '{path}'.", error.Message);
    }

    private static string Iso(NodaTime.LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);
}
