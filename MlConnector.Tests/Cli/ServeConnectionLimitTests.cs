using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MlConnector.Cli.Delivery;
using MlConnector.Cli.Serve;
using MlConnector.Tests.Integration;
using MlConnector.Tests.TestSupport;

namespace MlConnector.Tests.Cli;

/// <summary>
/// The bound on open connections of the real standalone host over loopback (its intake on Azurite): a connection over
/// <c>Kestrel:Limits:MaxConcurrentConnections</c> is closed unserved, the connections held go on being served, and once one
/// closes a webhook delivered on the freed slot is recorded and dispatched.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ServeConnectionLimitTests(AzuriteFixture azurite)
{
    private readonly FakeLogCollector _logs = new();

    [Fact]
    public async Task Serve_ConnectionOverTheBound_IsClosedUnservedAndAWebhookOnAFreedSlotIsStillRecordedAndDispatched()
    {
        // Arrange: a bound of two connections, both held open by keep-alive clients that were served once.
        await using var host = await StartAsync(new() { [ServeConnectionLimit.SettingKey] = "2" });
        using var first = HoldOneConnection(host.BaseAddress);
        using var second = HoldOneConnection(host.BaseAddress);
        using var firstServed = await first.GetAsync(new Uri("api/health", UriKind.Relative));
        using var secondServed = await second.GetAsync(new Uri("api/health", UriKind.Relative));

        // Act: a third connection delivers a webhook; then a held one asks again; then the second closes and the
        // delivery is made again on a new connection, as a vendor redelivers, until it is accepted.
        using var third = HoldOneConnection(host.BaseAddress);
        var overTheBound = await Record.ExceptionAsync(() => third.SendAsync(PushRequest()));
        using var heldServedAgain = await first.GetAsync(new Uri("api/health", UriKind.Relative));
        second.Dispose();
        using var redeliverer = HoldOneConnection(host.BaseAddress);
        var outcome = await Redelivery.UntilAcceptedAsync(
            Redelivery.Http(redeliverer, PushRequest, TimeProvider.System),
            (answer, tries, _) => answer.Status is null && tries < 600 ? TimeSpan.FromMilliseconds(100) : null,
            TimeProvider.System,
            CancellationToken.None);
        await IntakeWait.UntilDispatchedAsync(host.Services);

        // Assert: the third connection got no answer and recorded nothing; the host kept serving; the redelivery was
        // accepted, recorded once and dispatched.
        Assert.Equal(ServeConnectionLimit.DefaultMaxConcurrentConnections, ServeConnectionLimit.Read(new ConfigurationBuilder().Build()));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (firstServed.StatusCode, secondServed.StatusCode));
        Assert.IsType<HttpRequestException>(overTheBound);
        Assert.Equal(HttpStatusCode.OK, heldServedAgain.StatusCode);
        Assert.True(outcome.Accepted, $"The delivery on the freed slot ended {outcome}.");
        Assert.Equal(1, Count("WebhookDeliveryRecorded"));
        Assert.Equal(1, Count("WebhookDeliveryDispatched"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("lots")]
    public void Read_NotAWholeNumberOfAtLeastOne_ThrowsNamingTheSetting(string value)
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ServeConnectionLimit.SettingKey] = value }).Build();

        // Act
        var thrown = Assert.Throws<InvalidOperationException>(() => ServeConnectionLimit.Read(configuration));

        // Assert
        Assert.Contains(ServeConnectionLimit.SettingKey, thrown.Message, StringComparison.Ordinal);
    }

    /// <summary>A client of at most one connection, kept open between requests.</summary>
    private static HttpClient HoldOneConnection(Uri baseAddress) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
        };

    private static HttpRequestMessage PushRequest() =>
        new(HttpMethod.Post, TrackAlertConnections.Route("limited", "secret-of-limited")) { Content = new StringContent(TrackAlertConnections.Push, Encoding.UTF8, "application/json") };

    private async Task<StandaloneHost> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Logging:LogLevel:MlConnector.Core.Intake"] = "Debug";
        var host = await StandaloneHostIntegrationTests.StartAsync(
            azurite.ConnectionString,
            azurite.NewPrefix(),
            settings,
            services: s => s.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(_logs)));
        await TrackAlertConnections.CreateAsync(host.Services, "limited");
        return host;
    }

    private int Count(string eventName) => _logs.GetSnapshot().Count(r => r.Id.Name == eventName);
}
