using System.Collections.Concurrent;
using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// Two activity calls; records, per instance, what every execution of its code saw. On the real engine the code runs
/// once per episode (start, after each activity), replaying the history each time.
/// </summary>
public sealed class ReplayProbeWorkflow : IWorkflow<string, Guid>
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReplayObservation>> _observations = new(StringComparer.Ordinal);

    public string Name => nameof(ReplayProbeWorkflow);

    public IReadOnlyList<ReplayObservation> Observations(string instanceId)
        => _observations.TryGetValue(instanceId, out var queue) ? [.. queue] : [];

    public async Task<Guid> RunAsync(IWorkflowContext context, string input)
    {
        var guid = context.NewGuid();
        _observations.GetOrAdd(context.InstanceId, _ => new()).Enqueue(new ReplayObservation(context.IsReplaying, guid, context.CurrentUtcDateTime));
        await context.CallActivityAsync<string>(StepWorkflow.Activity, new { recordId = input, part = "a" });
        await context.CallActivityAsync<string>(StepWorkflow.Activity, new { recordId = input, part = "b" });
        return guid;
    }
}
