using MlConnector.Core.Connections;
using MlConnector.Core.Errors;

namespace MlConnector.Tests.Connections;

public sealed class ConnectionTests
{
    private static readonly Uri Vendor = new("https://quickbooks.api.intuit.com");

    [Theory]
    [InlineData(null, "https://quickbooks.api.intuit.com/")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [InlineData("http://127.0.0.1:5123/api", "http://127.0.0.1:5123/api/")]
    [InlineData("http://127.0.0.1:5123/api/", "http://127.0.0.1:5123/api/")]
    public void GetBaseUrl_ConfiguredOrNot_ReturnsItWithATrailingSlash(string? configured, string expected)
    {
        // Arrange
        var connection = CreateConnection(configured);

        // Act
        var url = connection.GetBaseUrl("qbo", Vendor);

        // Assert
        Assert.Equal(expected, url.AbsoluteUri);
    }

    [Fact]
    public void GetBaseUrl_NotAnAbsoluteUrl_ThrowsNamingTheSetting()
    {
        // Arrange
        var connection = CreateConnection("not a url");

        // Act
        var error = Assert.Throws<ConnectorValidationException>(() => connection.GetBaseUrl("qbo", Vendor));

        // Assert
        Assert.Contains("qbo.baseUrl", error.Message, StringComparison.Ordinal);
    }

    private static Connection CreateConnection(string? baseUrl) => new()
    {
        Id = "acme",
        Kind = IntegrationKinds.ShipStationQbo,
        Settings = baseUrl is null
            ? new Dictionary<string, IReadOnlyDictionary<string, string>>()
            : new Dictionary<string, IReadOnlyDictionary<string, string>> { ["qbo"] = new Dictionary<string, string> { ["baseUrl"] = baseUrl } },
    };
}
