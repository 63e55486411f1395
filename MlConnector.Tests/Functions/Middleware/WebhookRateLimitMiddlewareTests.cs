using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.Ups;
using MlConnector.Functions.Http;
using MlConnector.Functions.Middleware;
using MlConnector.Tests.Connectors.Ups;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;
using Moq;

namespace MlConnector.Tests.Functions.Middleware;

/// <summary>
/// The Functions app's webhook limits end to end in the worker: the real <see cref="WebhookRateLimitMiddleware"/> with the
/// container's real <see cref="WebhookRateLimits"/> in front of the real <see cref="UpsTrackAlertWebhook"/> function over
/// Core's endpoint, stores and intake queue on Azurite (<see cref="UpsSandbox"/>); only the worker's
/// <see cref="FunctionContext"/> and the Durable client are mocks.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebhookRateLimitMiddlewareTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string HttpContextItemKey = "HttpRequestContext";
    private static readonly byte[] DeliveredEvent = UpsContract.TrackAlertExample("2");

    private readonly DurableClientMock _durable = new();
    private UpsSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await UpsSandbox.StartAsync(azurite, new Dictionary<string, string?>
    {
        // A bucket of 2 verified deliveries per connection and a per-caller guard of 25 requests at once, each refilled at 1 per second.
        ["Intake:RateLimit:PermitsPerSecond"] = "1",
        ["Intake:RateLimit:Burst"] = "2",
        ["Intake:RateLimit:CallerPermitsPerSecond"] = "1",
        ["Intake:RateLimit:CallerBurst"] = "25",
    });

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Invoke_FloodOfForgedDeliveriesFromOtherCallers_DoesNotMakeGenuineDeliveries429()
    {
        // Arrange: forty wrong URL secrets for the connection, from twenty addresses (within each one's guard).
        var forged = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            forged.Add((await InvokeAsync("guess-" + i, $"198.51.100.{i % 20}")).Status);
        }

        // Act: UPS's two genuine pushes.
        var genuine = new[] { await InvokeAsync(UpsSandbox.UrlSecret, "203.0.113.7"), await InvokeAsync(UpsSandbox.UrlSecret, "203.0.113.7") };

        // Assert
        Assert.All(forged, s => Assert.Equal(StatusCodes.Status404NotFound, s));
        Assert.All(genuine, r => Assert.Equal(StatusCodes.Status200OK, r.Status));
        Assert.Equal(2, await IntakeQueue.CountAsync(_sandbox.Provider));
    }

    [Fact]
    public async Task Invoke_VerifiedDeliveriesOverTheConnectionsBudget_Get429WithRetryAfterAndRecordNothing()
    {
        // Act: twelve genuine pushes (replays of one another).
        var answers = new List<(int Status, string RetryAfter, bool Ran)>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add(await InvokeAsync(UpsSandbox.UrlSecret, "203.0.113.7"));
        }

        // Assert: the function ran each time (the caller's guard let them through); what the budget refused was not recorded,
        // so it starts nothing.
        Assert.Equal([StatusCodes.Status200OK, StatusCodes.Status200OK], answers.Take(2).Select(a => a.Status));
        Assert.Contains(answers, a => a.Status == StatusCodes.Status429TooManyRequests);
        Assert.All(answers, a => Assert.True(a.Ran));
        Assert.All(answers.Where(a => a.Status != StatusCodes.Status200OK), a => Assert.Equal(StatusCodes.Status429TooManyRequests, a.Status));
        Assert.All(answers.Where(a => a.Status == StatusCodes.Status429TooManyRequests), a => Assert.True(int.Parse(a.RetryAfter, CultureInfo.InvariantCulture) >= 1));
        Assert.Equal(answers.Count(a => a.Status == StatusCodes.Status200OK), await IntakeQueue.CountAsync(_sandbox.Provider));
    }

    [Fact]
    public async Task Invoke_OneCallerOverItsGuard_Gets429WithRetryAfterWithoutRunningTheFunction()
    {
        // Act: forty forged pushes from one address, then one genuine push from UPS's.
        var flood = new List<(int Status, string RetryAfter, bool Ran)>();
        for (var i = 0; i < 40; i++)
        {
            flood.Add(await InvokeAsync("guess-" + i, "198.51.100.9"));
        }

        var genuine = await InvokeAsync(UpsSandbox.UrlSecret, "203.0.113.7");

        // Assert
        Assert.All(flood.Take(25), a => Assert.Equal((StatusCodes.Status404NotFound, true), (a.Status, a.Ran)));
        var refused = flood.Where(a => a.Status == StatusCodes.Status429TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a => Assert.False(a.Ran));
        Assert.All(refused, a => Assert.True(int.Parse(a.RetryAfter, CultureInfo.InvariantCulture) >= 1));
        Assert.Equal(StatusCodes.Status200OK, genuine.Status);
        Assert.Equal(1, await IntakeQueue.CountAsync(_sandbox.Provider));
    }

    private async Task<(int Status, string RetryAfter, bool Ran)> InvokeAsync(string secret, string callerAddress)
    {
        using var scope = _sandbox.Provider.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, Response = { Body = new MemoryStream() } };
        http.Connection.RemoteIpAddress = IPAddress.Parse(callerAddress);
        http.Request.Method = HttpMethods.Post;
        http.Request.Path = $"/api/webhooks/ups/{UpsSandbox.ConnectionId}/{secret}";
        http.Request.ContentType = "application/json";
        http.Request.Headers[UpsTrackAlertWebhookApi.ApiKeyHeader] = UpsSandbox.ClientId;
        http.Request.Body = new MemoryStream(DeliveredEvent);
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(nameof(UpsTrackAlertWebhook));
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { [HttpContextItemKey] = http });
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        var ran = false;

        await new WebhookRateLimitMiddleware(_sandbox.Provider.GetRequiredService<WebhookRateLimits>()).Invoke(context.Object, async _ =>
        {
            ran = true;
            var result = await FunctionsServices.CreateFunction<UpsTrackAlertWebhook>(scope).RunAsync(http.Request, UpsSandbox.ConnectionId, secret, _durable.Object, CancellationToken.None);
            await result.ExecuteAsync(http);
        });

        return (http.Response.StatusCode, http.Response.Headers.RetryAfter.ToString(), ran);
    }
}
