using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;

namespace MlConnector.Tests.Connectors.Ups;

/// <summary>The UPS error classifier through the shared <see cref="HttpErrorMapper"/>, with UPS's error body shape.</summary>
public sealed class UpsErrorClassifierTests
{
    [Theory]
    [InlineData(429, "10429", "Too Many Requests", ErrorKind.RateLimited)]
    [InlineData(400, "10429", "Too Many Requests", ErrorKind.RateLimited)]
    [InlineData(401, "250002", "Invalid Authentication Information", ErrorKind.NeedsReconsent)]
    [InlineData(401, "UJ0001", "Invalid token or token is not present", ErrorKind.NeedsReconsent)]
    [InlineData(401, "251004", "Bearer Token expired (oauth)", ErrorKind.NeedsReconsent)]
    [InlineData(500, "10004", "Something went wrong while processing your request, please try again later", ErrorKind.Transient)]
    [InlineData(500, "VSS100", "We're sorry, the system is temporarily unavailable.", ErrorKind.Transient)]
    [InlineData(400, "VSS220", "You have submitted over 100 tracking numbers which is not allowed.", ErrorKind.Validation)]
    [InlineData(400, "VSS215", "The tracking number that was submitted is not a valid CIE tracking number and has been rejected.", ErrorKind.Validation)]
    [InlineData(400, "VSS300", "Locale is required. The Subscription request has been rejected.", ErrorKind.Unknown)]
    [InlineData(400, "VSS002", "Missing transId", ErrorKind.Unknown)]
    [InlineData(400, "9264028", "Invalid or missing request option.", ErrorKind.Unknown)]
    [InlineData(400, "120801", "Address Validation Error on Shipper address", ErrorKind.Validation)]
    [InlineData(403, "250003", "Blocked Merchant", ErrorKind.NeedsReconsent)]
    [InlineData(503, "999999", "Unavailable", ErrorKind.Transient)]
    public async Task MapAsync_UpsErrorBody_ClassifiedByCodeThenStatus(int status, string code, string message, ErrorKind expected)
    {
        // Arrange
        var sut = CreateSut();
        var body = $$$"""{"response":{"errors":[{"code":"{{{code}}}","message":"{{{message}}}"}]}}""";

        // Act
        var error = await MapAsync(sut, status, body);

        // Assert
        Assert.Equal((expected, code), (error.Kind, error.VendorErrorCode));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapAsync_TrackAlertErrorWithInvalidNumbers_KeepsEveryErrorInTheDetail()
    {
        // Arrange: the 400 example of UPSTrackAlert.yaml, with a second error.
        var body = """{"invalidTrackingNumbers":["1Z1234567$8"],"response":{"errors":[{"code":"VSS300","message":"Locale is required."},{"code":"VSS400","message":"Please enter a valid country code."}]}}""";

        // Act
        var error = await MapAsync(CreateSut(), 400, body);

        // Assert
        Assert.Equal("VSS300", error.VendorErrorCode);
        Assert.Contains("UPS VSS300 Locale is required.; UPS VSS400 Please enter a valid country code.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Gateway</html>")]
    [InlineData("""{"response":{"errors":[]}}""")]
    [InlineData("""{"unexpected":true}""")]
    public async Task MapAsync_NoUpsErrorBody_KeepsStatusMapping(string body)
    {
        // Arrange / Act
        var error = await MapAsync(CreateSut(), 400, body);

        // Assert
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Null(error.VendorErrorCode);
    }

    [Fact]
    public async Task MapAsync_MessageWithBearerToken_IsRedacted()
    {
        // Arrange
        var body = """{"response":{"errors":[{"code":"250002","message":"Invalid Authentication Information: Bearer eyJhbGciOiJSUzI1NiJ9.secret"}]}}""";

        // Act
        var error = await MapAsync(CreateSut(), 401, body);

        // Assert
        Assert.DoesNotContain("eyJhbGciOiJSUzI1NiJ9", error.Message, StringComparison.Ordinal);
    }

    private static HttpErrorMapper CreateSut() =>
        new([new UpsErrorClassifier()], new FakeTimeProvider(), NullLogger<HttpErrorMapper>.Instance);

    private static async Task<ConnectorException> MapAsync(HttpErrorMapper sut, int status, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://onlinetools.ups.com/api/shipments/v2409/ship");
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
        return await sut.MapAsync("ups", response);
    }
}
