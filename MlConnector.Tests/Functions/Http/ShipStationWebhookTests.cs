using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake;
using MlConnector.Core.Intake.ShipStation;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Secrets;
using MlConnector.Functions.Http;
using MlConnector.Functions.Orchestrations;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Intake.ShipStation;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Http;

/// <summary>
/// The webhook function over Core's real webhook handler, stores, audit and intake queue on Azurite, with a Moq Durable
/// client: the function records the delivery and answers; the queue-triggered dispatch function starts the orchestration.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ShipStationWebhookTests(AzuriteFixture azurite) : IDisposable
{
    private const string ConnectionId = "acme-store";
    private const string UrlSecret = "8f1c0e6a2b9d4e7f";
    private const string Body = """{"resource_url":"https://ssapi.shipstation.com/orders?importBatch=1d7c3a","resource_type":"ORDER_NOTIFY"}""";

    private readonly FunctionsServices _services = new(azurite.ConnectionString, azurite.NewPrefix());
    private readonly DurableClientMock _durable = new();

    [Fact]
    public async Task RunAsync_WrongSecret_Returns404AndStartsNothing()
    {
        // Arrange
        await CreateConnectionAsync();
        using var scope = _services.Provider.CreateScope();
        var sut = CreateSut(scope);

        // Act
        var result = await sut.RunAsync(Request(Body), ConnectionId, "not-the-secret", _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        Assert.Equal(0, await IntakeQueue.CountAsync(_services.Provider));
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task RunAsync_ValidDelivery_Returns200RecordingItAndItsDispatchSchedulesTheNotificationOrchestratorUnderItsDeterministicId()
    {
        // Arrange
        await CreateConnectionAsync();
        using var scope = _services.Provider.CreateScope();
        var sut = CreateSut(scope);
        var expectedId = ShipStationQboKeys.NotificationInstance(ConnectionId, "ORDER_NOTIFY", new Uri("https://ssapi.shipstation.com/orders?importBatch=1d7c3a"));

        // Act
        var result = await sut.RunAsync(Request(Body), ConnectionId, UrlSecret, _durable.Object, CancellationToken.None);

        var scheduledBeforeDispatch = _durable.Scheduled.Count;
        var dispatched = await IntakeQueue.DispatchAllAsync(_services.Provider, _durable);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        using var answer = JsonDocument.Parse(ValueJson(result));
        Assert.True(answer.RootElement.GetProperty("accepted").GetBoolean());
        Assert.Equal(32, answer.RootElement.GetProperty("deliveryId").GetString()!.Length);
        Assert.Equal(0, scheduledBeforeDispatch);
        Assert.Equal(1, dispatched);
        Assert.Equal([(nameof(ShipStationNotificationOrchestrator), expectedId)], _durable.Scheduled);
    }

    [Fact]
    public async Task RunAsync_SecondDelivery_IsRecordedAndItsDispatchIsADuplicateWithoutASecondSchedule()
    {
        // Arrange
        await CreateConnectionAsync();
        using var first = _services.Provider.CreateScope();
        await CreateSut(first).RunAsync(Request(Body), ConnectionId, UrlSecret, _durable.Object, CancellationToken.None);
        using var second = _services.Provider.CreateScope();
        var sut = CreateSut(second);

        // Act
        var result = await sut.RunAsync(Request(Body), ConnectionId, UrlSecret, _durable.Object, CancellationToken.None);

        var dispatched = await IntakeQueue.DispatchAllAsync(_services.Provider, _durable);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        Assert.Equal(2, dispatched);
        Assert.Single(_durable.Scheduled);
    }

    [Fact]
    public async Task RunAsync_QbdShipStationOrderNotify_GoesToTheQbdHandlerAndSchedulesNoQboOrchestration()
    {
        // Arrange: the intake with the shipstation-qbo handler and a recording qbd-shipstation one.
        var qbd = new RecordingShipStationEventHandler(IntegrationKinds.QbdShipStation);
        using var services = new FunctionsServices(azurite.ConnectionString, azurite.NewPrefix(), configure: s => OnlyShipStationQboHandlerAnd(s, qbd));
        await CreateConnectionAsync(services, IntegrationKinds.QbdShipStation);
        using var scope = services.Provider.CreateScope();
        var sut = CreateSut(scope);

        // Act
        var result = await sut.RunAsync(Request(Body), ConnectionId, UrlSecret, _durable.Object, CancellationToken.None);
        var dispatched = await IntakeQueue.DispatchAllAsync(services.Provider, _durable);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        Assert.Equal(1, dispatched);
        var (connectionId, webhookEvent) = Assert.Single(qbd.Calls);
        Assert.Equal(ConnectionId, connectionId);
        Assert.Equal(("ORDER_NOTIFY", new Uri("https://ssapi.shipstation.com/orders?importBatch=1d7c3a"), false), (webhookEvent.ResourceType, webhookEvent.ResourceUrl, webhookEvent.IsV2));
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task RunAsync_QbdShipStationWithoutAHandler_Returns404AndADeliveryRecordedForItIsDroppedAtDispatchWithAnAuditNote()
    {
        // Arrange: only the shipstation-qbo handler is registered.
        using var services = new FunctionsServices(azurite.ConnectionString, azurite.NewPrefix(), configure: s => OnlyShipStationQboHandlerAnd(s, null));
        await CreateConnectionAsync(services, IntegrationKinds.QbdShipStation);
        using var scope = services.Provider.CreateScope();
        var sut = CreateSut(scope);

        // Act: the route refuses it; a delivery recorded anyway (say, before the kind's handler was removed) is dispatched.
        var result = await sut.RunAsync(Request(Body), ConnectionId, UrlSecret, _durable.Object, CancellationToken.None);
        var queuedByRoute = await IntakeQueue.CountAsync(services.Provider);
        var recorded = await services.Provider.GetRequiredService<WebhookIntake>().RecordAsync(ShipStationWebhookApi.VendorKey, ConnectionId, "ORDER_NOTIFY", Encoding.UTF8.GetBytes(Body));
        var dispatched = await IntakeQueue.DispatchAllAsync(services.Provider, _durable);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        Assert.Equal(0, queuedByRoute);
        Assert.Equal(1, dispatched);
        Assert.Empty(_durable.Scheduled);
        var now = TimeProvider.System.GetUtcNow();
        var audit = await services.Provider.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(ConnectionId, now.AddHours(-1), now.AddHours(1)) { Operation = ShipStationWebhookApi.DispatchOperation });
        var note = Assert.Single(audit);
        Assert.Equal(AuditOutcome.Skipped, note.Outcome);
        Assert.Contains(recorded.Id, note.Detail, StringComparison.Ordinal);
        Assert.Contains(IntegrationKinds.QbdShipStation, note.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _services.Dispose();

    /// <summary>Keeps the shipstation-qbo handler and replaces every other integration's with <paramref name="handler"/> (if any).</summary>
    private static void OnlyShipStationQboHandlerAnd(IServiceCollection services, IShipStationEventHandler? handler)
    {
        foreach (var other in services.Where(d => d.ServiceType == typeof(IShipStationEventHandler) && d.ImplementationType != typeof(ShipStationQboEventHandler)).ToList())
        {
            services.Remove(other);
        }

        if (handler is not null)
        {
            services.AddSingleton(handler);
        }
    }

    private static async Task CreateConnectionAsync(FunctionsServices services, string kind)
    {
        var settings = kind == IntegrationKinds.QbdShipStation
            ? new Dictionary<string, IReadOnlyDictionary<string, string>> { ["qbd"] = new Dictionary<string, string> { ["qbwcUserName"] = "acme-qbwc" } }
            : [];
        await services.Provider.GetRequiredService<IConnectionStore>().CreateAsync(new Connection { Id = ConnectionId, Kind = kind, Settings = settings });
        await services.Provider.GetRequiredService<ISecretStore>().SetAsync(SecretName.For(ConnectionId, ShipStationWebhookApi.SecretPurpose), UrlSecret);
    }

    private static HttpRequest Request(string body)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return http.Request;
    }

    private static string ValueJson(IResult result)
        => JsonSerializer.Serialize(Assert.IsAssignableFrom<IValueHttpResult>(result).Value, JsonSerializerOptions.Web);

    private static ShipStationWebhook CreateSut(IServiceScope scope) => FunctionsServices.CreateFunction<ShipStationWebhook>(scope);

    private Task CreateConnectionAsync() => CreateConnectionAsync(_services, IntegrationKinds.ShipStationQbo);
}
