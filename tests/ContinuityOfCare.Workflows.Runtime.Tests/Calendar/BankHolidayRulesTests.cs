using ContinuityOfCare.Workflows.Runtime.Calendar;
using CsCheck;
using NodaTime;
using static ContinuityOfCare.Workflows.Runtime.Tests.Calendar.Deadlines;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>The statutory rules against GOV.UK's published days, and what the rules always give.</summary>
public sealed class BankHolidayRulesTests
{
    /// <summary>
    /// The days GOV.UK published that no rule gives, in every division: the VE Day move of 2020, the
    /// Platinum Jubilee weekend and the Queen's funeral of 2022, the coronation of 2023.
    /// </summary>
    private static readonly LocalDate[] OneOffDays =
    [
        Date("2020-05-08"), // early May bank holiday moved to VE Day
        Date("2022-06-02"), // spring bank holiday moved for the Platinum Jubilee
        Date("2022-06-03"), // Platinum Jubilee bank holiday
        Date("2022-09-19"), // State Funeral of Queen Elizabeth II
        Date("2023-05-08"), // coronation of King Charles III
    ];

    /// <summary>The days the rules give that GOV.UK's data moved away: the usual early May Monday of 2020, the usual spring Monday of 2022.</summary>
    private static readonly LocalDate[] MovedAwayDays = [Date("2020-05-04"), Date("2022-05-30")];

    public static TheoryData<string, int> PublishedYears()
    {
        var data = new TheoryData<string, int>();
        foreach (var division in BankHolidayFile.Embedded.Divisions)
        {
            for (var year = division.FirstYear; year <= division.LastYear; year++)
            {
                data.Add(division.Name, year);
            }
        }

        return data;
    }

    [Fact]
    public void TheBuiltInDataHasTheThreeDivisionsOfGovUk() =>
        Assert.Equal(BankHolidayRules.Divisions, BankHolidayFile.Embedded.Divisions.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void TheRulesGiveEveryPublishedDayButTheOneOffs(string division, int year)
    {
        var published = BankHolidayFile.Embedded.Divisions.Single(d => d.Name == division).Events
            .Where(e => e.Date.Year == year).Select(e => e.Date).ToHashSet();
        var ruled = BankHolidayRules.For(division, year).Select(h => h.Date).ToHashSet();

        Assert.Equal(
            published.Except(OneOffDays).Order(),
            ruled.Except(MovedAwayDays).Order());
        Assert.All(published.Except(ruled), d => Assert.Contains(d, OneOffDays));
        Assert.All(ruled.Except(published), d => Assert.Contains(d, MovedAwayDays));
    }

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void TheRulesNameEachPublishedDayAndItsSubstitutesAsGovUkDoes(string division, int year)
    {
        var published = BankHolidayFile.Embedded.Divisions.Single(d => d.Name == division).Events
            .Where(e => e.Date.Year == year && !OneOffDays.Contains(e.Date));
        var ruled = BankHolidayRules.For(division, year).ToDictionary(h => h.Date);

        Assert.All(published, e => Assert.Equal((e.Title, e.Notes), (ruled[e.Date].Title, ruled[e.Date].Notes)));
    }

    [Theory]
    [InlineData(1818, "1818-03-22")] // the earliest Easter can be
    [InlineData(1943, "1943-04-25")] // the latest
    [InlineData(2000, "2000-04-23")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2035, "2035-03-25")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2100, "2100-03-28")]
    public void EasterSundayFollowsTheGregorianComputus(int year, string sunday) =>
        Assert.Equal(Date(sunday), BankHolidayRules.EasterSunday(year));

    [Fact]
    public void InAnyYearEveryDivisionHasItsDaysOnWeekdaysAndEasterOnASunday() =>
        Gen.Int[1900, 9000].Sample(year =>
        {
            var easter = BankHolidayRules.EasterSunday(year);
            Assert.Equal(IsoDayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new LocalDate(year, 3, 22), new LocalDate(year, 4, 25));
            foreach (var division in BankHolidayRules.Divisions)
            {
                var days = BankHolidayRules.For(division, year);
                Assert.Equal(division == BankHolidayRules.EnglandAndWales ? 8 : division == BankHolidayRules.Scotland ? 9 : 10, days.Count);
                Assert.All(days, d => Assert.True(d.Date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday), $"{division} {d.Title} {d.Date}"));
                Assert.Equal(days.Count, days.Select(d => d.Date).Distinct().Count());
                Assert.All(days, d => Assert.Equal(year, d.Date.Year));
            }
        });

    [Theory]
    [InlineData("england-and-wales", 2028, "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26")]
    [InlineData("scotland", 2028, "01-03 01-04 04-14 05-01 05-29 08-07 11-30 12-25 12-26")]
    [InlineData("northern-ireland", 2028, "01-03 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26")]
    [InlineData("england-and-wales", 2032, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28")]
    [InlineData("scotland", 2032, "01-01 01-02 03-26 05-03 05-31 08-02 11-30 12-27 12-28")]
    [InlineData("northern-ireland", 2035, "01-01 03-19 03-23 03-26 05-07 05-28 07-12 08-27 12-25 12-26")]
    [InlineData("scotland", 2033, "01-03 01-04 04-15 05-02 05-30 08-01 11-30 12-26 12-27")]
    public void TheRulesProjectYearsNotYetPublished(string division, int year, string days) =>
        Assert.Equal(days, string.Join(' ', BankHolidayRules.For(division, year).Select(h => $"{h.Date.Month:00}-{h.Date.Day:00}")));
}
