using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>Stands in for "create the UPS shipment": fails as scripted by the probe, can be held at a gate.</summary>
public sealed class ShipOrderActivity(WorkflowProbe probe) : IWorkflowActivity<OrderInput, string>
{
    public string Name => nameof(ShipOrderActivity);

    public async Task<string> RunAsync(WorkflowActivityContext context, OrderInput input, CancellationToken cancellationToken = default)
    {
        probe.OnShipAttempt();
        probe.ShipEntered.TrySetResult();
        if (probe.ShipGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (probe.ShipFailures.TryDequeue(out var failure))
        {
            throw failure;
        }

        return "TRK-" + input.OrderNumber;
    }
}
