using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// Subscribes (or renews) packages to UPS Track Alert and records until when each subscription runs (14 days from now,
/// UPSTrackAlert.yaml). One audit row per call; a failure is recorded and returned, not thrown, because the renewal job
/// retries and the tracking poll covers the gap. A connection that tracks by Quantum View (<c>ups.trackingSource</c> =
/// <c>quantumview</c>) subscribes nothing: the call is audited as skipped. Each package is subscribed under the UPS account
/// that shipped it (<see cref="UpsShipmentRecord.ShipperAccount"/>: one request per account, so a FreshBooks client's own
/// account subscribes with its own token and <c>x-merchant-id</c>); a number without a row goes under the connection's account.
/// </summary>
/// <param name="connections">The connection store (the connection's tracking source).</param>
/// <param name="ups">The UPS client.</param>
/// <param name="shipments">The shipment store.</param>
/// <param name="audit">The audit trail.</param>
/// <param name="time">The clock.</param>
public sealed class TrackAlertSubscriber(IConnectionStore connections, IUpsClient ups, UpsShipmentStore shipments, IAuditTrail audit, TimeProvider time)
{
    /// <summary>Subscribes the packages and stores the new expiry on their rows.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trackingNumbers">The tracking numbers.</param>
    /// <param name="operation">The audit operation: <c>ups.trackalert.subscribe</c> or <c>ups.trackalert.renew</c>.</param>
    /// <param name="workflowInstanceId">The workflow instance, if called from one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were accepted and refused, and the new expiry.</returns>
    public async Task<TrackAlertResult> SubscribeAsync(string connectionId, IReadOnlyList<string> trackingNumbers, string operation, string? workflowInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trackingNumbers);
        var packages = new List<(string TrackingNumber, string? ShipperAccount)>(trackingNumbers.Count);
        foreach (var number in trackingNumbers)
        {
            packages.Add((number, (await shipments.GetAsync(connectionId, number, cancellationToken))?.ShipperAccount));
        }

        return await SubscribeAsync(connectionId, packages, operation, workflowInstanceId, cancellationToken);
    }

    /// <summary>Subscribes (or renews) package rows already read, each under its own <see cref="UpsShipmentRecord.ShipperAccount"/>, and stores the new expiry on them.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="packages">The rows.</param>
    /// <param name="operation">The audit operation: <c>ups.trackalert.subscribe</c> or <c>ups.trackalert.renew</c>.</param>
    /// <param name="workflowInstanceId">The workflow instance, if called from one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were accepted and refused, and the new expiry.</returns>
    public Task<TrackAlertResult> SubscribeAsync(string connectionId, IReadOnlyList<UpsShipmentRecord> packages, string operation, string? workflowInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packages);
        return SubscribeAsync(connectionId, [.. packages.Select(p => (p.TrackingNumber, p.ShipperAccount))], operation, workflowInstanceId, cancellationToken);
    }

    private async Task<TrackAlertResult> SubscribeAsync(string connectionId, List<(string TrackingNumber, string? ShipperAccount)> packages, string operation, string? workflowInstanceId, CancellationToken cancellationToken)
    {
        if (packages.Count == 0)
        {
            return new TrackAlertResult(0, 0, null);
        }

        var trackingNumbers = packages.Select(p => p.TrackingNumber).ToList();

        var template = new AuditRecord(connectionId, operation, AuditOutcome.Started)
        {
            WorkflowInstanceId = workflowInstanceId,
            BusinessKey = trackingNumbers.Count == 1 ? trackingNumbers[0] : $"{trackingNumbers.Count} packages",
        };
        return await audit.RecordStepAsync(
            template,
            async ct =>
            {
                if (await connections.GetAsync(connectionId, ct) is { } connection && UpsQuantumViewPollJob.UsesQuantumView(connection))
                {
                    return new AuditedResult<TrackAlertResult>(new TrackAlertResult(0, 0, null), AuditOutcome.Skipped, null, $"The connection tracks by Quantum View; {trackingNumbers.Count} packages not subscribed to Track Alert.");
                }

                var accepted = new List<string>();
                var rejected = new List<string>();
                foreach (var account in packages.GroupBy(p => p.ShipperAccount, p => p.TrackingNumber))
                {
                    try
                    {
                        var answer = await ups.SubscribeTrackAlertAsync(connectionId, [.. account], account.Key, ct);
                        accepted.AddRange(answer.Accepted);
                        rejected.AddRange(answer.Rejected);
                    }
                    catch (ConnectorException ex)
                    {
                        await StoreExpiryAsync(connectionId, accepted, ct);
                        return new AuditedResult<TrackAlertResult>(new TrackAlertResult(0, 0, null, ex.Message), AuditOutcome.Failed, null, $"Track Alert subscription failed ({ex.Kind}): {ex.Message}");
                    }
                }

                var result = new UpsTrackAlertSubscriptionResult(accepted, rejected);

                var until = await StoreExpiryAsync(connectionId, result.Accepted, ct);
                var detail = $"Subscribed {result.Accepted.Count} until {until:yyyy-MM-dd HH:mm}Z: {string.Join(", ", result.Accepted)}"
                    + (result.Rejected.Count > 0 ? $"; refused {string.Join(", ", result.Rejected)}" : string.Empty);
                return new AuditedResult<TrackAlertResult>(
                    new TrackAlertResult(result.Accepted.Count, result.Rejected.Count, result.Accepted.Count > 0 ? until : null),
                    result.Rejected.Count == 0 ? AuditOutcome.Succeeded : AuditOutcome.Failed,
                    null,
                    detail);
            },
            cancellationToken);
    }

    /// <summary>Stores the expiry of a subscription made now (14 days, UPSTrackAlert.yaml) on the accepted rows.</summary>
    private async Task<DateTimeOffset> StoreExpiryAsync(string connectionId, IReadOnlyList<string> accepted, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + UpsTrackAlertSubscriptionResult.SubscriptionLifetime;
        await shipments.ChangeAsync(connectionId, accepted, r => r with { SubscribedUntilUtc = until }, cancellationToken);
        return until;
    }
}
