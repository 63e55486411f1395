using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Connectors.SpsCommerce;
using MlConnector.Core.Errors;
using MlConnector.Sandbox.SpsCommerce;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Connectors.SpsCommerce;

/// <summary>
/// The real <see cref="SpsCommerceClient"/> over loopback HTTP against the <see cref="SpsCommerceSimulator"/>, with real
/// client-credentials tokens (token rows in Azurite): cursor paging, download, upload, delete, history, token caching,
/// the audience, 401 renewal and retries of 429 and 5xx.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SpsCommerceClientTests(AzuriteFixture azurite)
{
    private const string Conn = SpsCommerceHarness.ConnectionId;

    private static byte[] Contract(string relative) => File.ReadAllBytes(ContractFiles.PathOf("sps-commerce/" + relative));

    [Fact]
    public async Task ListOutboxAsync_ManyFiles_FollowsCursorAndListsEachFileOnce()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite, configuration: new() { ["Connectors:SpsCommerce:PageSize"] = "100" });
        var names = Enumerable.Range(1, 250).Select(i => $"PO{i:D4}.json").ToList();
        foreach (var name in names)
        {
            h.Sps.AddOutboxDocument(name, [0x7B, 0x7D]);
        }

        // Act
        var listed = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await h.Client.ListOutboxAsync(Conn, cursor);
            listed.AddRange(page.Files.Select(f => f.Path));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        // Assert
        Assert.Equal(3, pages);
        Assert.Equal(names.Select(n => "out/" + n), listed);
        Assert.All(h.Sps.Requests.Where(r => r.Path.StartsWith("/transactions/v5/data/out/?", StringComparison.Ordinal)), r => Assert.Contains("limit=100", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DownloadAsync_SampleWithBomAndCrlf_ReturnsTheBytesUnchanged()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);
        var sample = Contract("samples/Orders(850)/PO112853-1-v7.7-CrossDock.json");
        Assert.True(sample.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]));
        h.Sps.AddOutboxDocument("PO112853-1.json", sample);
        var page = await h.Client.ListOutboxAsync(Conn);

        // Act
        var bytes = await h.Client.DownloadAsync(Conn, "/" + page.Files.Single().Path);

        // Assert
        Assert.Equal(sample, bytes);
        Assert.Equal("PO112853-1.json", page.Files.Single().Name);
    }

    [Fact]
    public async Task DeleteAsync_ListedFile_RemovesItAndASecondDeleteIsNoError()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);
        h.Sps.AddOutboxDocument("a.json", [0x7B, 0x7D]);
        h.Sps.AddOutboxDocument("b.json", [0x7B, 0x7D]);

        // Act
        await h.Client.DeleteAsync(Conn, "out/a.json");
        await h.Client.DeleteAsync(Conn, "out/a.json");

        // Assert
        Assert.Equal(["b.json"], h.Sps.Outbox);
        Assert.Equal(2, h.Sps.Requests.Count(r => r.Method == "DELETE"));
    }

    [Fact]
    public async Task UploadAsync_SampleInvoice_PostsOctetStreamWithDescriptionToIn()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);
        var invoice = Contract("samples/Invoices(810)/IN112853-1-v7.7-CrossDock.json");

        // Act
        var receipt = await h.Client.UploadAsync(Conn, "IN123456.json", invoice, "810 123456 for PO112853-1");

        // Assert
        Assert.Equal("in/IN123456.json", receipt.Path);
        var uploaded = Assert.Single(h.Sps.Uploaded);
        Assert.Equal(invoice, uploaded.Content);
        Assert.Equal("SPSALLTESTID", uploaded.TradingPartnerId);
        var post = Assert.Single(h.Sps.Requests, r => r.Method == "POST" && r.Path.StartsWith("/transactions/", StringComparison.Ordinal));
        Assert.Equal("/transactions/v5/data/in/IN123456.json", post.Path);
        Assert.Equal("application/octet-stream", post.ContentType);
        Assert.Equal("810 123456 for PO112853-1", post.Description);
    }

    [Fact]
    public async Task UploadAsync_DocumentBreakingTheSchema_ThrowsValidationNamingTheFieldAndStoresNothing()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);
        var invoice = JsonNode.Parse(File.ReadAllText(ContractFiles.PathOf("sps-commerce/samples/Invoices(810)/IN112853-1-v7.7-CrossDock.json")))!;
        invoice["Header"]!["InvoiceHeader"]!.AsObject().Remove("InvoiceNumber");

        // Act
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => h.Client.UploadAsync(Conn, "bad.json", Encoding.UTF8.GetBytes(invoice.ToJsonString())));

        // Assert
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains("InvoiceNumber", error.Field, StringComparison.Ordinal);
        Assert.NotNull(error.RequestId);
        Assert.Empty(h.Sps.Uploaded);
    }

    [Fact]
    public async Task Calls_ManyInARow_UseOneCachedTokenUntilShortlyBeforeItExpires()
    {
        // Arrange
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));
        await using var h = await SpsCommerceHarness.StartAsync(azurite, time);
        h.Sps.TokenLifetime = TimeSpan.FromHours(1);

        // Act
        for (var i = 0; i < 10; i++)
        {
            await h.Client.ListOutboxAsync(Conn);
        }

        var afterTen = h.Sps.TokensIssued;
        time.Advance(TimeSpan.FromMinutes(50));
        await h.Client.ListOutboxAsync(Conn);
        var beforeSkew = h.Sps.TokensIssued;
        time.Advance(TimeSpan.FromMinutes(6));
        await h.Client.ListOutboxAsync(Conn);

        // Assert
        Assert.Equal(1, afterTen);
        Assert.Equal(1, beforeSkew);
        Assert.Equal(2, h.Sps.TokensIssued);
    }

    [Fact]
    public async Task ListOutboxAsync_TokenRevoked_RenewsOnceAndSucceeds()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);
        await h.Client.ListOutboxAsync(Conn);
        h.Sps.RevokeTokens();

        // Act
        await h.Client.ListOutboxAsync(Conn);

        // Assert
        Assert.Equal(2, h.Sps.TokensIssued);
        Assert.Equal(1, h.Sps.Requests.Count(r => r.StatusCode == 401));
    }

    [Fact]
    public async Task ListOutboxAsync_OldAudienceConfigured_IsRefusedAsNeedsReconsent()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite, configuration: new() { ["OAuth:Providers:sps:Audience"] = "api://api.spscommerce.com/" });

        // Act
        var error = await Assert.ThrowsAnyAsync<ConnectorException>(() => h.Client.ListOutboxAsync(Conn));

        // Assert
        Assert.Equal(ErrorKind.NeedsReconsent, error.Kind);
        Assert.Equal(0, h.Sps.TokensIssued);
        Assert.DoesNotContain(SpsCommerceHarness.ClientSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOutboxAsync_429StormAndA503_RetriesWithBackoffAndReturnsThePage()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);
        h.Sps.AddOutboxDocument("PO1.json", [0x7B, 0x7D]);
        h.Sps.FailNext(HttpStatusCode.TooManyRequests, 3);
        h.Sps.FailNext(HttpStatusCode.ServiceUnavailable);

        // Act
        var page = await h.Client.ListOutboxAsync(Conn);

        // Assert
        Assert.Equal("out/PO1.json", Assert.Single(page.Files).Path);
        Assert.Equal([429, 429, 429, 503, 200], h.Sps.Requests.Where(r => r.Path.StartsWith("/transactions/", StringComparison.Ordinal)).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task UploadAsync_429Storm_IsResentUntilAcceptedAndUploadedOnce()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);
        h.Sps.FailNext(HttpStatusCode.TooManyRequests, 3, retryAfter: TimeSpan.Zero);

        // Act
        await h.Client.UploadAsync(Conn, "IN1.json", Contract("samples/Invoices(810)/IN112853-1-v7.7-CrossDock.json"));

        // Assert
        Assert.Single(h.Sps.Uploaded);
    }

    [Fact]
    public async Task UploadAsync_503_IsNotResentBecauseSpsMayHaveActed()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);
        h.Sps.FailNext(HttpStatusCode.ServiceUnavailable);

        // Act
        var error = await Assert.ThrowsAsync<ConnectorException>(() => h.Client.UploadAsync(Conn, "IN1.json", Contract("samples/Invoices(810)/IN112853-1-v7.7-CrossDock.json")));

        // Assert
        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(1, h.Sps.Requests.Count(r => r.Method == "POST" && r.Path.StartsWith("/transactions/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListOutboxAsync_429BeyondRetries_ThrowsRateLimitedWithRetryAfter()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite, configuration: new() { ["Resilience:sps:MaxRetryAttempts"] = "1" });
        h.Sps.FailNext(HttpStatusCode.TooManyRequests, 2, retryAfter: TimeSpan.Zero);

        // Act
        var error = await Assert.ThrowsAsync<ConnectorRateLimitedException>(() => h.Client.ListOutboxAsync(Conn));

        // Assert
        Assert.Equal(ErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
        Assert.Contains("Too Many Requests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistoryAsync_AfterAnUpload_ReturnsSpsBodyAsSent()
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);
        await h.Client.UploadAsync(Conn, "IN1.json", Contract("samples/Invoices(810)/IN112853-1-v7.7-CrossDock.json"));

        // Act
        var history = await h.Client.GetHistoryAsync(Conn);

        // Assert
        var entry = Assert.Single(history.Body.GetProperty("results").EnumerateArray());
        Assert.Equal("/in/IN1.json", entry.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("../secrets")]
    [InlineData("out/../in/x")]
    [InlineData("other/x.json")]
    public async Task DownloadAsync_PathOutsideTheDocumentFolders_IsRefusedBeforeAnyCall(string path)
    {
        // Arrange
        await using var h = await SpsCommerceHarness.StartAsync(azurite);

        // Act
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.DownloadAsync(Conn, path));

        // Assert
        Assert.Empty(h.Sps.Requests);
    }
}
