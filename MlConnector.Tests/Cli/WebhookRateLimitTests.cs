using Microsoft.Extensions.DependencyInjection;
using MlConnector.Cli.Demo;
using MlConnector.Core.Connections;
using MlConnector.Core.Secrets;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Cli;

/// <summary>The per-connection limit of the webhook routes on the real standalone host (ASP.NET Core rate limiting over Azurite).</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WebhookRateLimitTests(AzuriteFixture azurite)
{
    private const string Push = """{"trackingNumber":"1Z999AA10123456784","localActivityDate":"20261206","localActivityTime":"080000","activityStatus":{"type":"I","code":"DP","description":"Departed from Facility"}}""";

    [Fact]
    public async Task UpsTrackAlert_OneConnectionOverItsLimit_Gets429WithRetryAfterWhileAnotherConnectionIsStillAccepted()
    {
        // Arrange: two qbo-ups connections; a bucket of 2 deliveries refilled at 1 per second.
        await using var host = await StandaloneHostIntegrationTests.StartAsync(azurite.ConnectionString, azurite.NewPrefix(), new()
        {
            ["Intake:RateLimit:PermitsPerSecond"] = "1",
            ["Intake:RateLimit:Burst"] = "2",
        });
        var connections = host.Services.GetRequiredService<IConnectionStore>();
        var secrets = host.Services.GetRequiredService<ISecretStore>();
        var dead = new Uri("http://127.0.0.1:9/");
        foreach (var id in new[] { "leaked", "quiet" })
        {
            await connections.CreateAsync(DemoSandbox.QboUpsConnection(dead, dead) with { Id = id, Schedules = new Dictionary<string, string>() });
            await secrets.SetAsync(SecretName.For(id, UpsShippingNames.TrackAlertSecretPurpose), "secret-of-" + id);
        }

        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Act: twenty pushes on the leaked connection's URL, then one on the other's.
        var leaked = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            leaked.Add(await http.PostAsync(new Uri("api/webhooks/ups/leaked/secret-of-leaked", UriKind.Relative), new StringContent(Push, Encoding.UTF8, "application/json")));
        }

        using var quiet = await http.PostAsync(new Uri("api/webhooks/ups/quiet/secret-of-quiet", UriKind.Relative), new StringContent(Push, Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], leaked.Take(2).Select(r => r.StatusCode));
        var refused = leaked.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(leaked, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without a Retry-After of at least 1 s"));
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        leaked.ForEach(r => r.Dispose());
    }
}
