using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MlConnector.Sandbox.SpsCommerce;

namespace MlConnector.Tests.Sandbox;

/// <summary>The SPS simulator's token endpoint: JSON client credentials, the audience check and throttled issuance.</summary>
public sealed class SpsCommerceSimulatorTests
{
    [Fact]
    public async Task TokenEndpoint_MoreRequestsThanTheLimit_AreRefusedWith429()
    {
        // Arrange
        await using var sps = await SpsCommerceSimulator.StartAsync();
        sps.RegisterClient("client", "secret");
        sps.TokenIssuanceLimit = 2;
        using var http = new HttpClient();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsJsonAsync(sps.TokenEndpoint, Grant("client", "secret", sps.Audience));
            statuses.Add(response.StatusCode);
        }

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, sps.TokensIssued);
    }

    [Theory]
    [InlineData("api://api.spscommerce.com/", "secret", HttpStatusCode.Forbidden)]
    [InlineData("https://spscommerce.com", "wrong", HttpStatusCode.Unauthorized)]
    public async Task TokenEndpoint_WrongAudienceOrSecret_IsRefusedAndIssuesNothing(string audience, string secret, HttpStatusCode expected)
    {
        // Arrange
        await using var sps = await SpsCommerceSimulator.StartAsync();
        sps.RegisterClient("client", "secret");
        using var http = new HttpClient();

        // Act
        using var response = await http.PostAsJsonAsync(sps.TokenEndpoint, Grant("client", secret, audience));

        // Assert
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("access_denied", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Equal(0, sps.TokensIssued);
    }

    [Fact]
    public void SampleOrders_AreTheContractFilesByteForByte()
    {
        var samples = SpsCommerceSimulator.SampleOrders();

        Assert.Equal(2, samples.Count);
        foreach (var (name, bytes) in samples)
        {
            Assert.Equal(File.ReadAllBytes(TestSupport.ContractFiles.PathOf("sps-commerce/samples/Orders(850)/" + name)), bytes);
        }
    }

    private static JsonObject Grant(string clientId, string secret, string audience) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["audience"] = audience,
    };
}
