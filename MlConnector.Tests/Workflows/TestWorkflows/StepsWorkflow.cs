using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>
/// Runs <see cref="StepsInput.Steps"/> activities one after another, so each step is an episode of its own. It tells the
/// probe every time its code starts from the first line: on the engine without extended sessions that is once per episode
/// (each replays from history); with them, once per loading of the instance.
/// </summary>
public sealed class StepsWorkflow(SessionProbe probe) : IWorkflow<StepsInput, int>
{
    public string Name => nameof(StepsWorkflow);

    public async Task<int> RunAsync(IWorkflowContext context, StepsInput input)
    {
        probe.OnWorkflowEntered();
        var total = 0;
        for (var step = 1; step <= input.Steps; step++)
        {
            total += await context.CallActivityAsync<int>(nameof(StepActivity), step);
        }

        return total;
    }
}
