using MlConnector.Core.Integrations.QbdShipStation;

namespace MlConnector.Tests.Integrations.QbdShipStation;

public class QbdCompanyCalendarTests
{
    [Theory]
    [InlineData("2026-03-08T06:59:00Z", "2026-03-08")] // 01:59 EST, the minute before clocks spring forward
    [InlineData("2026-03-08T07:00:00Z", "2026-03-08")] // 03:00 EDT
    [InlineData("2026-03-09T03:59:00Z", "2026-03-08")] // 23:59 EDT: still the 8th in New York, the 9th in UTC
    [InlineData("2026-11-01T05:30:00Z", "2026-11-01")] // 01:30 EDT, the first pass through the repeated hour
    [InlineData("2026-11-01T06:30:00Z", "2026-11-01")] // 01:30 EST, the second pass
    [InlineData("2026-11-02T04:59:00Z", "2026-11-01")] // 23:59 EST
    [InlineData("2026-11-02T05:00:00Z", "2026-11-02")] // midnight EST
    public void DateOf_NewYorkAcrossDaylightSavingChanges_IsTheCompanysCalendarDate(string instant, string expected)
    {
        // Act
        var date = QbdCompanyCalendar.DateOf(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), "America/New_York");

        // Assert
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Not/AZone")]
    public void DateOf_NoOrUnknownZone_IsTheUtcDate(string? zone)
    {
        // Act
        var date = QbdCompanyCalendar.DateOf(new DateTimeOffset(2026, 3, 9, 3, 59, 0, TimeSpan.Zero), zone);

        // Assert
        Assert.Equal(new DateOnly(2026, 3, 9), date);
    }
}
