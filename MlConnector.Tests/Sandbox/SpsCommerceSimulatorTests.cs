using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MlConnector.Sandbox.SpsCommerce;

namespace MlConnector.Tests.Sandbox;

/// <summary>
/// The SPS simulator's token endpoint (JSON client credentials, the audience check and throttled issuance) and the chaos
/// run's faults: random faults on the Transaction API only, and trading partners rejecting 810s and 856s at random.
/// </summary>
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

    [Fact]
    public async Task Faults_EveryRequestA5xx_TransactionApiFailsAndTheTokenEndpointDoesNot()
    {
        // Arrange
        await using var sps = await SpsCommerceSimulator.StartAsync();
        sps.RegisterClient("client", "secret");
        sps.AcceptToken("token");
        sps.Faults.Enable(serverErrorRate: 1, rateLimitRate: 0, lostResponseRate: 0, concurrentEditRate: 0, seed: 1);
        using var http = Client(sps);

        // Act
        using var token = await http.PostAsJsonAsync(sps.TokenEndpoint, Grant("client", "secret", sps.Audience));
        using var listing = await http.GetAsync(new Uri("transactions/v5/data/out/", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.True((int)listing.StatusCode >= 500, $"listing answered {(int)listing.StatusCode}");
        Assert.Equal(1, sps.Faults.ServerErrors);
    }

    [Fact]
    public async Task Faults_LostResponse_UploadIsStoredButNotAnswered()
    {
        // Arrange
        await using var sps = await SpsCommerceSimulator.StartAsync();
        sps.AcceptToken("token");
        sps.Faults.Enable(serverErrorRate: 0, rateLimitRate: 0, lostResponseRate: 1, concurrentEditRate: 0, seed: 1);
        using var http = Client(sps);

        // Act
        var lost = await Assert.ThrowsAsync<HttpRequestException>(() => UploadAsync(http, "IN-1.json", "Invoices(810)/IN112853-1-v7.7-CrossDock.json"));

        // Assert
        Assert.NotNull(lost);
        Assert.Equal("IN-1.json", Assert.Single(sps.Uploaded).Name);
        Assert.Equal(1, sps.Faults.LostResponses);
    }

    [Fact]
    public async Task RejectAtRandom_EveryDocument_810And856AreRejectedInTheHistoryUntilLifted()
    {
        // Arrange
        await using var sps = await SpsCommerceSimulator.StartAsync();
        sps.AcceptToken("token");
        using var http = Client(sps);
        sps.RejectAtRandom(1, seed: 7);

        // Act
        await UploadAsync(http, "IN-1.json", "Invoices(810)/IN112853-1-v7.7-CrossDock.json");
        await UploadAsync(http, "SH-1.json", "Shipments(856)/SH112853-1-v7.7-CrossDock.json");
        sps.RejectAtRandom(0);
        await UploadAsync(http, "IN-2.json", "Invoices(810)/IN112853-1-v7.7-CrossDock.json");
        var history = JsonNode.Parse(await http.GetStringAsync(new Uri("transactions/v5/history", UriKind.Relative)))!["results"]!.AsArray();

        // Assert
        Assert.Equal(["IN-1.json", "SH-1.json"], sps.Rejections.Select(r => r.Name));
        Assert.Equal(["/in/IN-1.json", "/in/SH-1.json"], history.Where(h => (string?)h!["status"] == "rejected").Select(h => (string?)h!["path"]));
        Assert.Equal(3, sps.Uploaded.Count);
    }

    private static HttpClient Client(SpsCommerceSimulator sps)
    {
        var http = new HttpClient { BaseAddress = sps.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "token");
        return http;
    }

    private static async Task UploadAsync(HttpClient http, string name, string sample)
    {
        using var content = new ByteArrayContent(File.ReadAllBytes(TestSupport.ContractFiles.PathOf("sps-commerce/samples/" + sample)));
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await http.PostAsync(new Uri("transactions/v5/data/in/" + name, UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    private static JsonObject Grant(string clientId, string secret, string audience) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["audience"] = audience,
    };
}
