using MlConnector.Core.Workflows;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>The deterministic instance ids of the integrations' UPS tracking workflows. Pure; no I/O.</summary>
public static class UpsTrackingInstanceId
{
    /// <summary>One tracking workflow instance per connection, tracking number and UPS status (a status reported twice is applied once).</summary>
    /// <param name="integrationKind">The integration kind, for example <c>qbo-ups</c>.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trackingNumber">The 1Z tracking number.</param>
    /// <param name="statusKey">The status key (<see cref="UpsTrackingText.StatusKey"/>).</param>
    /// <returns>The instance id, <c>{kind}:{connection}:track:{tracking number}:{status key}</c> (<see cref="WorkflowInstanceId.For"/>).</returns>
    public static string For(string integrationKind, string connectionId, string trackingNumber, string statusKey) =>
        WorkflowInstanceId.For(integrationKind, connectionId, $"track:{trackingNumber}:{statusKey}");
}
