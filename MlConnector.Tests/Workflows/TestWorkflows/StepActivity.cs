using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>One step of <see cref="StepsWorkflow"/>: counts its run and returns its number; the probe's gated step waits first.</summary>
public sealed class StepActivity(SessionProbe probe) : IWorkflowActivity<int, int>
{
    public string Name => nameof(StepActivity);

    public async Task<int> RunAsync(WorkflowActivityContext context, int input, CancellationToken cancellationToken = default)
    {
        probe.StepRuns.AddOrUpdate(input, 1, (_, runs) => runs + 1);
        if (input == probe.GatedStep && probe.Gate is { } gate)
        {
            probe.GatedStepEntered.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        return input;
    }
}
