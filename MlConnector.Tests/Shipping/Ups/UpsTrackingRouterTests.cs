using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Shipping.Ups;
using MlConnector.Core.Workflows;
using MlConnector.Tests.Functions.TestSupport;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Shipping.Ups;

/// <summary>
/// The router over the real shipment store on Azurite: a package status goes to the handler of the integration kind
/// recorded on the package's row, whichever connection kind it arrives on; a package the store does not know goes to the
/// connection's kind; a kind without a handler gets nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UpsTrackingRouterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly RecordingHandler _qboUps = new(IntegrationKinds.QboUps);
    private readonly RecordingHandler _freshBooks = new(IntegrationKinds.FreshBooksUps);
    private UpsSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await UpsSandbox.StartAsync(azurite);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task DispatchAsync_PackageOwnedByAnotherKind_GoesToThatKindsHandlerOnly()
    {
        // Arrange
        var sut = CreateSut();
        await SaveRowAsync("1ZA1B2C30312345670", IntegrationKinds.FreshBooksUps, new SourceDocument("freshbooks-invoice", "77", "0042", "Invoice"));

        // Act
        var start = await sut.DispatchAsync(UpsSandbox.ConnectionId, Status("1ZA1B2C30312345670"), UpsShippingNames.SourcePoll);

        // Assert
        Assert.NotNull(start);
        var update = Assert.Single(_freshBooks.Updates);
        Assert.Equal(("1ZA1B2C30312345670", UpsShippingNames.SourcePoll), (update.Status.TrackingNumber, update.Source));
        Assert.Empty(_qboUps.Updates);
    }

    [Fact]
    public async Task DispatchAsync_PackageTheStoreDoesNotKnow_GoesToTheConnectionsKind()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var start = await sut.DispatchAsync(UpsSandbox.ConnectionId, Status("1ZA1B2C30399999997"), UpsShippingNames.SourceTrackAlert);

        // Assert
        Assert.NotNull(start);
        Assert.Single(_qboUps.Updates);
        Assert.Empty(_freshBooks.Updates);
    }

    [Fact]
    public async Task DispatchAsync_KindWithoutHandler_StartsNothing()
    {
        // Arrange
        var sut = new UpsTrackingRouter(Store, Connections, [_freshBooks]);

        // Act
        var start = await sut.DispatchAsync(UpsSandbox.ConnectionId, Status("1ZA1B2C30399999997"), UpsShippingNames.SourceTrackAlert);

        // Assert
        Assert.Null(start);
        Assert.Empty(_freshBooks.Updates);
        Assert.False(sut.Handles(IntegrationKinds.QboUps));
    }

    [Fact]
    public void Constructor_TwoHandlersForOneKind_Throws()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => new UpsTrackingRouter(Store, Connections, [_qboUps, new RecordingHandler(IntegrationKinds.QboUps)]));

        // Assert
        Assert.Contains(IntegrationKinds.QboUps, error.Message, StringComparison.Ordinal);
    }

    private UpsShipmentStore Store => _sandbox.Provider.GetRequiredService<UpsShipmentStore>();

    private IConnectionStore Connections => _sandbox.Provider.GetRequiredService<IConnectionStore>();

    private static UpsTrackingStatus Status(string trackingNumber) =>
        new(trackingNumber, Found: true) { StatusType = "I", Description = "Departed from facility", ActivityLocalTime = new DateTimeOffset(2026, 12, 1, 9, 15, 0, TimeSpan.Zero) };

    private UpsTrackingRouter CreateSut() => new(Store, Connections, [_qboUps, _freshBooks]);

    private Task SaveRowAsync(string trackingNumber, string kind, SourceDocument source) =>
        Store.SaveAsync(
        [
            new UpsShipmentRecord
            {
                ConnectionId = UpsSandbox.ConnectionId,
                TrackingNumber = trackingNumber,
                IntegrationKind = kind,
                Source = source,
                ShipmentIdentificationNumber = trackingNumber,
                ServiceCode = "03",
                Charge = 12.5m,
                CurrencyCode = "USD",
            },
        ]);

    private sealed class RecordingHandler(string kind) : IUpsTrackingHandler
    {
        public List<TrackingUpdate> Updates { get; } = [];

        public string IntegrationKind => kind;

        public string InstanceIdOf(string connectionId, UpsTrackingStatus status) => $"{kind}:{connectionId}:{status.TrackingNumber}";

        public Task<WorkflowStartResult> StartAsync(TrackingUpdate update, CancellationToken cancellationToken = default)
        {
            Updates.Add(update);
            return Task.FromResult(new WorkflowStartResult(InstanceIdOf(update.ConnectionId, update.Status), false, WorkflowRuntimeStatus.Pending));
        }
    }
}
