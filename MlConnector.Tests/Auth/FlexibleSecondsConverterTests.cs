using MlConnector.Core.Auth;

namespace MlConnector.Tests.Auth;

public class FlexibleSecondsConverterTests
{
    [Theory]
    [InlineData("""{"expires_in":3600}""", 3600L)] // Intuit: contracts/quickbooks-online/oauth/success_token_response.json
    [InlineData("""{"expires_in":"14399"}""", 14399L)] // UPS: contracts/ups/OAuthClientCredentials.yaml (type: string)
    [InlineData("""{"expires_in":" 3599 "}""", 3599L)]
    [InlineData("""{"expires_in":3600.9}""", 3600L)]
    [InlineData("""{"expires_in":""}""", null)]
    [InlineData("""{"expires_in":null}""", null)]
    [InlineData("""{}""", null)]
    public void Read_NumberOrString_ParsesSeconds(string json, long? expected)
    {
        // Arrange
        var sut = OAuthJsonContext.Default.OAuthTokenResponse;

        // Act
        var parsed = JsonSerializer.Deserialize(json, sut);

        // Assert
        Assert.Equal(expected, parsed!.ExpiresIn);
    }

    [Fact]
    public void Read_IntuitRefreshResponse_ParsesAllLifetimes()
    {
        // Arrange: the shape of contracts/quickbooks-online/oauth/success_refreshtoken_response.json, with the hard limit
        // Intuit adds when asked with x-include-refresh-token-hard-expires-in.
        const string json = """
            {"token_type":"bearer","expires_in":3600,"refresh_token":"r","x_refresh_token_expires_in":15552000,
             "x_refresh_token_hard_expires_in":157680000,"access_token":"a","id_token":"i"}
            """;

        // Act
        var parsed = JsonSerializer.Deserialize(json, OAuthJsonContext.Default.OAuthTokenResponse)!;

        // Assert
        Assert.Equal(3600, parsed.ExpiresIn);
        Assert.Equal(15552000, parsed.XRefreshTokenExpiresIn);
        Assert.Equal(157680000, parsed.XRefreshTokenHardExpiresIn);
    }

    [Fact]
    public void Read_UpsErrorWrapper_ReadsCode()
    {
        // Arrange: tokenErrorResponse from contracts/ups/OAuthClientCredentials.yaml.
        const string json = """{"response":{"errors":[{"code":"10429","message":"Too Many Requests"}]}}""";

        // Act
        var parsed = JsonSerializer.Deserialize(json, OAuthJsonContext.Default.OAuthTokenResponse)!;

        // Assert
        Assert.Equal("10429", parsed.Response!.Errors![0].Code);
    }

    [Fact]
    public void Read_NotANumber_Throws()
    {
        // Arrange
        const string json = """{"expires_in":"soon"}""";

        // Act
        var ex = Record.Exception(() => JsonSerializer.Deserialize(json, OAuthJsonContext.Default.OAuthTokenResponse));

        // Assert
        Assert.IsType<JsonException>(ex);
    }
}
