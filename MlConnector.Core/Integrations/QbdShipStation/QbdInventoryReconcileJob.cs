using MlConnector.Core.Connections;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Integrations.QbdShipStation.Workflows;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation;

/// <summary>
/// Starts an inventory reconciliation per active <c>qbd-shipstation</c> connection on <c>Schedules:QbdInventoryReconcile</c>
/// (one instance per occurrence, <see cref="QbdShipStationKeys.InventoryInstance"/>); the workflow waits for the Web
/// Connector's next run to answer.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="workflows">The workflow client.</param>
/// <param name="logger">The logger.</param>
public sealed class QbdInventoryReconcileJob(IConnectionStore connections, IWorkflowClient workflows, ILogger<QbdInventoryReconcileJob> logger) : IScheduledJob
{
    /// <summary>The job's name and schedule key.</summary>
    public const string JobName = "QbdInventoryReconcile";

    /// <inheritdoc />
    public string Name => JobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(
            connections,
            IntegrationKinds.QbdShipStation,
            (c, ct) => workflows.StartAsync(nameof(QbdInventoryReconcileWorkflow), QbdShipStationKeys.InventoryInstance(c.Id, scheduledTimeUtc), new QbdInventoryRequest(c.Id), ct),
            (ex, c) => logger.QbdInventoryStartFailed(c.Id, ex),
            cancellationToken: cancellationToken);
}
