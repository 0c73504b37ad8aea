using ContinuityOfCare.Workflows.Designer.Web;
using NodaTime;

namespace ContinuityOfCare.Workflows.Designer.Tests;

/// <summary>The GOV.UK date input: a date typed as day, month and year, and the messages for what is wrong.</summary>
public sealed class DateInputTests
{
    [Fact]
    public void ADayMonthAndYearMakeADate() =>
        Assert.Equal((new LocalDate(1990, 3, 27), (string?)null), DateInput.Read("Date of birth", "27", "3", "1990"));

    [Theory]
    [InlineData("", "", "", "Enter the date of birth")]
    [InlineData("27", "", "1990", "Date of birth must include a month")]
    [InlineData("", "", "1990", "Date of birth must include a day and a month")]
    [InlineData("29", "2", "2023", "Date of birth must be a real date")]
    [InlineData("31", "13", "1990", "Date of birth must be a real date")]
    [InlineData("1", "1", "90", "Date of birth must be a real date")]
    [InlineData("-1", "1", "1990", "Date of birth must be a real date")]
    public void WhatIsWrongIsSaidInTheDesignSystemsWords(string day, string month, string year, string message) =>
        Assert.Equal(((LocalDate?)null, message), DateInput.Read("Date of birth", day, month, year));
}
