using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Core.Integrations.ShipStationQbo;
using MlConnector.Core.Secrets;
using MlConnector.Functions.Http;
using MlConnector.Functions.Orchestrations;
using MlConnector.Tests.Functions.TestSupport;
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

    public void Dispose() => _services.Dispose();

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

    private async Task CreateConnectionAsync()
    {
        await _services.Provider.GetRequiredService<IConnectionStore>().CreateAsync(new Connection { Id = ConnectionId, Kind = IntegrationKinds.ShipStationQbo });
        await _services.Provider.GetRequiredService<ISecretStore>().SetAsync(SecretName.For(ConnectionId, ShipStationQboNames.WebhookSecretPurpose), UrlSecret);
    }
}
