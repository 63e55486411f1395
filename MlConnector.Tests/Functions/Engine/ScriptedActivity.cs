using MlConnector.Core.Workflows;
using MlConnector.Tests.Functions.TestSupport;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>A stand-in for a Core activity of the same name: does what <see cref="ActivityScript"/> says for the calling instance.</summary>
/// <param name="name">The activity (and activity function) name.</param>
/// <param name="script">The tests' script.</param>
public sealed class ScriptedActivity(string name, ActivityScript script) : IWorkflowActivity
{
    public string Name => name;

    public async Task<string?> RunSerializedAsync(WorkflowActivityContext context, string? inputJson, CancellationToken cancellationToken = default)
    {
        var output = await script.RunAsync(context, inputJson, cancellationToken);
        return output is null ? null : JsonSerializer.Serialize(output, output.GetType(), OrchestrationContextMock.Json);
    }
}
