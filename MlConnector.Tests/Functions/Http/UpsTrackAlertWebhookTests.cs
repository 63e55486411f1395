using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Audit;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Intake.Ups;
using MlConnector.Core.Integrations.QboUps;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Functions.Http;
using MlConnector.Functions.Orchestrations;
using MlConnector.Tests.Connectors.Ups;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Functions.Http;

/// <summary>
/// The Track Alert webhook function over Core's real endpoint, stores and audit on Azurite (the <c>ups</c> OAuth provider
/// configured, so <c>x-api-key</c> is checked), fed UPS's own example event from UPSTrackAlert.yaml, with a Moq Durable client.
/// The function records the push and answers; the queue-triggered dispatch function starts the orchestration.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpsTrackAlertWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly byte[] DeliveredEvent = UpsContract.TrackAlertExample("2");

    private readonly DurableClientMock _durable = new();
    private UpsSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await UpsSandbox.StartAsync(azurite);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task RunAsync_ForgedSecret_Returns404AndStartsNothing()
    {
        // Arrange
        using var scope = _sandbox.Provider.CreateScope();
        var sut = CreateSut(scope);

        // Act
        var result = await sut.RunAsync(Request(DeliveredEvent, UpsSandbox.ClientId), UpsSandbox.ConnectionId, "c41f9a07e3b2d659", _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, StatusCode(result));
        Assert.Equal(0, await IntakeQueue.CountAsync(_sandbox.Provider));
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task RunAsync_UnknownConnection_Returns404AndStartsNothing()
    {
        // Arrange
        using var scope = _sandbox.Provider.CreateScope();
        var sut = CreateSut(scope);

        // Act
        var result = await sut.RunAsync(Request(DeliveredEvent, UpsSandbox.ClientId), "someone-else", UpsSandbox.UrlSecret, _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, StatusCode(result));
        Assert.Equal(0, await IntakeQueue.CountAsync(_sandbox.Provider));
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task RunAsync_ApiKeyOfAnotherClient_Returns401AndStartsAndWritesNothing()
    {
        // Arrange
        using var scope = _sandbox.Provider.CreateScope();
        var sut = CreateSut(scope);

        // Act
        var result = await sut.RunAsync(Request(DeliveredEvent, "someone-elses-client"), UpsSandbox.ConnectionId, UpsSandbox.UrlSecret, _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status401Unauthorized, StatusCode(result));
        Assert.Equal(0, await IntakeQueue.CountAsync(_sandbox.Provider));
        Assert.Empty(_durable.Scheduled);
        Assert.Empty(await ReceiveAuditAsync());
    }

    [Fact]
    public async Task RunAsync_GenuinePush_Returns200NamingTheInstanceAndItsDispatchSchedulesTheTrackingOrchestratorUnderIt()
    {
        // Arrange
        using var scope = _sandbox.Provider.CreateScope();
        var sut = CreateSut(scope);
        var status = UpsTrackAlertPayload.Parse(DeliveredEvent);
        var expectedId = QboUpsKeys.TrackingInstance(UpsSandbox.ConnectionId, "1Z204W4R0308071865", UpsTrackingText.StatusKey(status));

        // Act
        var result = await sut.RunAsync(Request(DeliveredEvent, UpsSandbox.ClientId), UpsSandbox.ConnectionId, UpsSandbox.UrlSecret, _durable.Object, CancellationToken.None);

        var scheduledBeforeDispatch = _durable.Scheduled.Count;
        var dispatched = await IntakeQueue.DispatchAllAsync(_sandbox.Provider, _durable);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, StatusCode(result));
        using var answer = JsonDocument.Parse(ValueJson(result));
        Assert.True(answer.RootElement.GetProperty("accepted").GetBoolean());
        Assert.Equal(expectedId, answer.RootElement.GetProperty("instanceId").GetString());
        Assert.Equal(0, scheduledBeforeDispatch);
        Assert.Equal(1, dispatched);
        Assert.Equal([(nameof(UpsTrackingToQboBillOrchestrator), expectedId)], _durable.Scheduled);
    }

    [Fact]
    public async Task RunAsync_RedeliveredPush_IsRecordedAndItsDispatchIsADuplicateWithoutASecondSchedule()
    {
        // Arrange
        using var first = _sandbox.Provider.CreateScope();
        await CreateSut(first).RunAsync(Request(DeliveredEvent, UpsSandbox.ClientId), UpsSandbox.ConnectionId, UpsSandbox.UrlSecret, _durable.Object, CancellationToken.None);
        using var second = _sandbox.Provider.CreateScope();
        var sut = CreateSut(second);

        // Act
        var result = await sut.RunAsync(Request(DeliveredEvent, UpsSandbox.ClientId), UpsSandbox.ConnectionId, UpsSandbox.UrlSecret, _durable.Object, CancellationToken.None);

        var dispatched = await IntakeQueue.DispatchAllAsync(_sandbox.Provider, _durable);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, StatusCode(result));
        Assert.Equal(2, dispatched);
        var scheduled = Assert.Single(_durable.Scheduled);
        using var answer = JsonDocument.Parse(ValueJson(result));
        Assert.Equal(scheduled.InstanceId, answer.RootElement.GetProperty("instanceId").GetString());
        Assert.Single(await ReceiveAuditAsync());
    }

    [Theory]
    [InlineData("not-a-tracking-number")]
    [InlineData("1Z204W4R030807186")]
    [InlineData("1Z204W4R03080718655")]
    [InlineData("1z204w4r0308071865")]
    [InlineData("1Z204W4R030807186٥")]
    [InlineData("1Z204W4R030807186É")]
    [InlineData(" 1Z204W4R0308071865")]
    public async Task RunAsync_TrackingNumberNotOfAUpsShape_Returns400AndStartsAndWritesNothing(string trackingNumber)
    {
        // Arrange
        using var scope = _sandbox.Provider.CreateScope();
        var sut = CreateSut(scope);
        var node = System.Text.Json.Nodes.JsonNode.Parse(DeliveredEvent)!;
        node["trackingNumber"] = trackingNumber;
        var body = Encoding.UTF8.GetBytes(node.ToJsonString());

        // Act
        var result = await sut.RunAsync(Request(body, UpsSandbox.ClientId), UpsSandbox.ConnectionId, UpsSandbox.UrlSecret, _durable.Object, CancellationToken.None);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, StatusCode(result));
        Assert.Equal(0, await IntakeQueue.CountAsync(_sandbox.Provider));
        Assert.Equal(0, await IntakeQueue.DispatchAllAsync(_sandbox.Provider, _durable));
        Assert.Empty(_durable.Scheduled);
        Assert.Empty(await ReceiveAuditAsync());
    }

    [Fact]
    public async Task RunAsync_ReplayedPushThreeTimes_SchedulesOnceAndWritesOneReceiveAuditRow()
    {
        // Arrange
        for (var i = 0; i < 2; i++)
        {
            using var earlier = _sandbox.Provider.CreateScope();
            await CreateSut(earlier).RunAsync(Request(DeliveredEvent, UpsSandbox.ClientId), UpsSandbox.ConnectionId, UpsSandbox.UrlSecret, _durable.Object, CancellationToken.None);
            await IntakeQueue.DispatchAllAsync(_sandbox.Provider, _durable);
        }

        using var scope = _sandbox.Provider.CreateScope();

        // Act
        var result = await CreateSut(scope).RunAsync(Request(DeliveredEvent, UpsSandbox.ClientId), UpsSandbox.ConnectionId, UpsSandbox.UrlSecret, _durable.Object, CancellationToken.None);
        var dispatched = await IntakeQueue.DispatchAllAsync(_sandbox.Provider, _durable);

        // Assert
        Assert.Equal(StatusCodes.Status200OK, StatusCode(result));
        Assert.Equal(1, dispatched);
        Assert.Single(_durable.Scheduled);
        var row = Assert.Single(await ReceiveAuditAsync());
        Assert.Equal(AuditOutcome.Succeeded, row.Outcome);
    }

    private async Task<IReadOnlyList<AuditRecord>> ReceiveAuditAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        return await _sandbox.Provider.GetRequiredService<IAuditTrail>().QueryAsync(
            new AuditQuery(UpsSandbox.ConnectionId, now.AddHours(-1), now.AddHours(1)) { Operation = "ups.trackalert.receive" });
    }

    private static HttpRequest Request(byte[] body, string apiKey)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = "application/json";
        http.Request.Headers[UpsTrackAlertWebhookApi.ApiKeyHeader] = apiKey;
        http.Request.Body = new MemoryStream(body);
        return http.Request;
    }

    private static int? StatusCode(IResult result) => Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode;

    private static string ValueJson(IResult result)
        => JsonSerializer.Serialize(Assert.IsAssignableFrom<IValueHttpResult>(result).Value, JsonSerializerOptions.Web);

    private static UpsTrackAlertWebhook CreateSut(IServiceScope scope) => FunctionsServices.CreateFunction<UpsTrackAlertWebhook>(scope);
}
