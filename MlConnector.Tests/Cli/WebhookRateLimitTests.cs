using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using MlConnector.Cli.Serve;
using MlConnector.Core.Connectors.QuickBooksOnline.Webhooks;
using MlConnector.Core.Intake.QuickBooksOnline;
using MlConnector.Core.Secrets;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The limits of the webhook routes on the real standalone host over loopback (its intake on Azurite): the per-connection
/// budget is spent only by verified deliveries (Core's intake), the per-caller guard (ASP.NET Core rate limiting) by
/// every request before verification. Recorded deliveries are counted from the intake's own log line.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class WebhookRateLimitTests(AzuriteFixture azurite)
{
    private const string QboDelivery = """{"eventNotifications":[{"realmId":"9130000000000088","dataChangeEvent":{"entities":[{"name":"PurchaseOrder","id":"88","operation":"Create","lastUpdated":"2026-12-06T00:00:00.000Z"}]}}]}""";
    private const string VerifierToken = "limiter-verifier-token";

    private readonly FakeLogCollector _logs = new();

    [Fact]
    public async Task UpsTrackAlert_VerifiedDeliveriesOverTheConnectionsBudget_Get429WithRetryAfterAndRecordNothingWhileAnotherConnectionIsStillAccepted()
    {
        // Arrange: two qbo-ups connections; a bucket of 2 verified deliveries refilled at 1 per second.
        await using var host = await StartAsync(new() { ["Intake:RateLimit:PermitsPerSecond"] = "1", ["Intake:RateLimit:Burst"] = "2" });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Act: twenty genuine pushes (a replay of one another) on the leaked connection's URL, then one on the other's.
        var leaked = new List<HttpStatusCode>();
        var retryAfters = new List<TimeSpan?>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await PostUpsAsync(http, "leaked", "secret-of-leaked");
            leaked.Add(response.StatusCode);
            retryAfters.Add(response.StatusCode == HttpStatusCode.TooManyRequests ? response.Headers.RetryAfter?.Delta : null);
        }

        using var quiet = await PostUpsAsync(http, "quiet", "secret-of-quiet");

        // Assert: only what was answered 200 was recorded (so only that can start work).
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], leaked.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, leaked);
        Assert.All(leaked, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.All(retryAfters.Where((_, i) => leaked[i] == HttpStatusCode.TooManyRequests), r => Assert.True(r >= TimeSpan.FromSeconds(1), "429 without a Retry-After of at least 1 s"));
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.Equal(leaked.Count(s => s == HttpStatusCode.OK) + 1, Recorded());
    }

    [Fact]
    public async Task WebhookRoutes_FloodOfForgedDeliveries_DoesNotSpendTheConnectionsBudget()
    {
        // Arrange: a bucket of 2 verified deliveries per connection (QBO: one app-wide bucket), refilled at 1 per second.
        await using var host = await StartAsync(new() { ["Intake:RateLimit:PermitsPerSecond"] = "1", ["Intake:RateLimit:Burst"] = "2" });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Act: forty wrong URL secrets for the UPS connection, forty forged and missing intuit-signatures, and well-signed
        // pushes with a malformed body (refused 400: also no permit); then two genuine deliveries on each route.
        var forged = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var wrongSecret = await PostUpsAsync(http, "leaked", "guess-" + i);
            using var forgedSignature = await PostQboAsync(http, i % 2 == 0 ? QboWebhookSignature.Compute("not-the-token", Encoding.UTF8.GetBytes(QboDelivery)) : null);
            forged.AddRange([wrongSecret.StatusCode, forgedSignature.StatusCode]);
        }

        for (var i = 0; i < 5; i++)
        {
            using var malformed = await PostUpsAsync(http, "leaked", "secret-of-leaked", """{"trackingNumber":"not a UPS number"}""");
            forged.Add(malformed.StatusCode);
        }

        var genuine = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var ups = await PostUpsAsync(http, "leaked", "secret-of-leaked");
            using var qbo = await PostQboAsync(http, QboWebhookSignature.Compute(VerifierToken, Encoding.UTF8.GetBytes(QboDelivery)));
            genuine.AddRange([ups.StatusCode, qbo.StatusCode]);
        }

        // Assert: every forgery refused with its 4xx, never 429; every genuine delivery accepted and recorded.
        Assert.Equal(40, forged.Take(80).Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(40, forged.Take(80).Count(s => s == HttpStatusCode.Unauthorized));
        Assert.All(forged.Skip(80), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.All(genuine, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(4, Recorded());
    }

    [Fact]
    public async Task WebhookRoutes_FloodFromOneCallerOverTheCallerGuard_Get429WithRetryAfterBeforeVerification()
    {
        // Arrange: the per-caller guard at 5 requests at once, refilled at 1 per second; the per-connection budget at its default.
        await using var host = await StartAsync(new() { ["Intake:RateLimit:CallerPermitsPerSecond"] = "1", ["Intake:RateLimit:CallerBurst"] = "5" });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Act: thirty forged pushes from loopback.
        var statuses = new List<HttpStatusCode>();
        var retryAfters = new List<TimeSpan?>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await PostUpsAsync(http, "leaked", "guess-" + i);
            statuses.Add(response.StatusCode);
            retryAfters.Add(response.StatusCode == HttpStatusCode.TooManyRequests ? response.Headers.RetryAfter?.Delta : null);
        }

        // Assert: the first five reach verification (404); the flood is then refused before it, and nothing is recorded.
        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests }));
        Assert.All(retryAfters.Where((_, i) => statuses[i] == HttpStatusCode.TooManyRequests), r => Assert.True(r >= TimeSpan.FromSeconds(1), "429 without a Retry-After of at least 1 s"));
        Assert.Equal(0, Recorded());
    }

    private async Task<StandaloneHost> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Logging:LogLevel:MlConnector.Core.Intake.WebhookIntake"] = "Debug";
        var host = await StandaloneHostIntegrationTests.StartAsync(
            azurite.ConnectionString,
            azurite.NewPrefix(),
            settings,
            services: s => s.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(_logs)));
        await TrackAlertConnections.CreateAsync(host.Services, "leaked", "quiet");
        await host.Services.GetRequiredService<ISecretStore>().SetAsync(host.Services.GetRequiredService<IOptions<QboEventsOptions>>().Value.VerifierTokenName, VerifierToken);
        return host;
    }

    private int Recorded() => _logs.GetSnapshot().Count(r => r.Id.Name == "WebhookDeliveryRecorded");

    private static Task<HttpResponseMessage> PostUpsAsync(HttpClient http, string connectionId, string secret, string body = TrackAlertConnections.Push) =>
        http.PostAsync(TrackAlertConnections.Route(connectionId, secret), new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<HttpResponseMessage> PostQboAsync(HttpClient http, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/webhooks/qbo", UriKind.Relative)) { Content = new StringContent(QboDelivery, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(QboWebhookSignature.HeaderName, signature);
        }

        return await http.SendAsync(request);
    }
}
