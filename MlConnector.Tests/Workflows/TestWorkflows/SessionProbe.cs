using System.Collections.Concurrent;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>
/// What <see cref="StepsWorkflow"/> and <see cref="StepActivity"/> report: how often the workflow's code was entered from
/// its first line (once per replay from history) and how often each step ran; a step can be held at a gate.
/// </summary>
public sealed class SessionProbe
{
    private int _workflowEntries;

    /// <summary>How many times the workflow body started from its first line.</summary>
    public int WorkflowEntries => Volatile.Read(ref _workflowEntries);

    /// <summary>Runs per step number.</summary>
    public ConcurrentDictionary<int, int> StepRuns { get; } = new();

    /// <summary>The step that waits for <see cref="Gate"/> (0: none).</summary>
    public int GatedStep { get; set; }

    /// <summary>When set, <see cref="GatedStep"/> waits for it (or for cancellation).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completes when <see cref="GatedStep"/> has started.</summary>
    public TaskCompletionSource GatedStepEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnWorkflowEntered() => Interlocked.Increment(ref _workflowEntries);
}
