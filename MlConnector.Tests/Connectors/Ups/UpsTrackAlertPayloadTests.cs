using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;

namespace MlConnector.Tests.Connectors.Ups;

/// <summary><see cref="UpsTrackAlertPayload.Parse"/> against the two example events in UPSTrackAlert.yaml and malformed bodies.</summary>
public sealed class UpsTrackAlertPayloadTests
{
    [Fact]
    public void Parse_SpecDeliveryExample_MapsStatusTimesLocationAndDates()
    {
        // Arrange
        var body = UpsContract.TrackAlertExample("2");

        // Act
        var status = UpsTrackAlertPayload.Parse(body);

        // Assert
        Assert.Equal(("1Z204W4R0308071865", true, "D", "FS", "Delivered"), (status.TrackingNumber, status.Found, status.StatusType, status.ActivityCode, status.Description));
        Assert.True(status.Delivered);
        Assert.Equal("011", status.StatusCode);
        Assert.Equal(new DateTimeOffset(2024, 4, 23, 9, 50, 4, TimeSpan.Zero), status.ActivityLocalTime);
        Assert.Equal(new DateTimeOffset(2024, 4, 23, 13, 50, 4, TimeSpan.Zero), status.ActivityTimeUtc);
        Assert.Equal("CHARLOTTE, NC, US", status.Location);
        Assert.Equal(new DateOnly(2019, 10, 14), status.ScheduledDeliveryDate);
        Assert.Equal(new DateOnly(2024, 4, 23), status.DeliveredDate);
    }

    [Fact]
    public void Parse_SpecOutForDeliveryExample_IsInTransitWithScheduledDate()
    {
        // Arrange
        var body = UpsContract.TrackAlertExample("1");

        // Act
        var status = UpsTrackAlertPayload.Parse(body);

        // Assert
        Assert.Equal(("I", "OT", "Out for Delivery"), (status.StatusType, status.ActivityCode, status.Description));
        Assert.False(status.Delivered);
        Assert.Null(status.DeliveredDate);
        Assert.Equal(new DateOnly(2024, 4, 23), status.ScheduledDeliveryDate);
        Assert.Equal("Charlotte, NC, US", status.Location);
    }

    [Fact]
    public void Parse_DescriptionCodeAsStringOrNumber_KeepsTheCodeText()
    {
        // Arrange: the spec's example writes descriptionCode unquoted (011); UPS's schema says string.
        var quoted = """{"trackingNumber":"1Z204W4R0308071865","activityStatus":{"type":"D","code":"FS","descriptionCode":"011"}}"""u8.ToArray();
        var number = """{"trackingNumber":"1Z204W4R0308071865","activityStatus":{"type":"D","code":"FS","descriptionCode":11}}"""u8.ToArray();

        // Act
        var fromString = UpsTrackAlertPayload.Parse(quoted);
        var fromNumber = UpsTrackAlertPayload.Parse(number);

        // Assert
        Assert.Equal("011", fromString.StatusCode);
        Assert.Equal("11", fromNumber.StatusCode);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("", "body")]
    [InlineData("null", "body")]
    [InlineData("""{"trackingNumber":{"nested":true}}""", "body")]
    [InlineData("""{"activityStatus":{"type":"D"}}""", "trackingNumber")]
    [InlineData("""{"trackingNumber":"  ","activityStatus":{"type":"D"}}""", "trackingNumber")]
    public void Parse_MalformedBody_ThrowsValidationNamingTheField(string json, string field)
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes(json);

        // Act
        var ex = Assert.Throws<ConnectorValidationException>(() => UpsTrackAlertPayload.Parse(body));

        // Assert
        Assert.Equal(("ups", field), (ex.Connector, ex.Field));
    }
}
