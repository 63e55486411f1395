using System.Collections.Concurrent;
using MlConnector.Core.Connections;
using MlConnector.Core.Intake.ShipStation;

namespace MlConnector.Tests.Intake.ShipStation;

/// <summary>An integration's ShipStation event handler that records what the intake hands it (a unit collaborator of the intake).</summary>
#pragma warning disable CA1711 // The interface under test is named IShipStationEventHandler.
internal sealed class RecordingShipStationEventHandler(string integrationKind) : IShipStationEventHandler
#pragma warning restore CA1711
{
    private readonly ConcurrentQueue<(string ConnectionId, ShipStationWebhookEvent Event)> _calls = new();

    public string IntegrationKind => integrationKind;

    public IReadOnlyList<(string ConnectionId, ShipStationWebhookEvent Event)> Calls => [.. _calls];

    public Task HandleAsync(Connection connection, ShipStationWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue((connection.Id, webhookEvent));
        return Task.CompletedTask;
    }
}
