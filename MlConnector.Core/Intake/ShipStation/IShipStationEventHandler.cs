using System.Diagnostics.CodeAnalysis;
using MlConnector.Core.Connections;

namespace MlConnector.Core.Intake.ShipStation;

/// <summary>
/// What one integration kind does with a verified ShipStation webhook event of one of its connections. The ShipStation
/// intake (<see cref="ShipStationWebhookApi"/>) verifies the delivery (per-connection URL secret, V2 signature, body limit),
/// records it, and off the request path hands the event to the handler registered for the connection's
/// <see cref="Connection.Kind"/> (<see cref="ShipStationIntakeServiceCollectionExtensions.AddShipStationEventHandler{T}"/>);
/// a connection whose kind has no handler is answered 404 at the route and audited and dropped at dispatch.
/// </summary>
/// <remarks>
/// Delivery is at least once: a redelivered webhook, or a dispatch retried after a failure, calls the handler again with
/// the same event, so the handler must be idempotent (start work under a deterministic workflow instance id, consult the
/// idempotency ledger). A handler only starts work; it never syncs inline. It throws to have the delivery tried again
/// (and, after the intake's attempts, kept in the poison queue).
/// </remarks>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A handler of ShipStation webhook events, not a .NET event delegate; the name issue #15 gives the intake's handler contract.")]
public interface IShipStationEventHandler
{
    /// <summary>The integration kind served, one of <see cref="IntegrationKinds"/> (for example <c>shipstation-qbo</c>); unique among handlers.</summary>
    string IntegrationKind { get; }

    /// <summary>Starts the work for one verified event of one connection.</summary>
    /// <param name="connection">The connection named by the webhook URL (its kind is <see cref="IntegrationKind"/>).</param>
    /// <param name="webhookEvent">The verified event: a V1 notification (<c>resource_type</c>, <c>resource_url</c>) or a V2 event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the work is started (or found started).</returns>
    Task HandleAsync(Connection connection, ShipStationWebhookEvent webhookEvent, CancellationToken cancellationToken = default);
}
