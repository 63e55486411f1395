using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>
/// Takes one "step" event per run and continues as new until it has two: the first run holds on a timer while the test
/// raises both events, so the second is still unprocessed when the first run continues as new and must reach the next run.
/// </summary>
public sealed class RelayWorkflow : IWorkflow<RelayInput, IReadOnlyList<string>>
{
    public const string EventName = "step";

    public string Name => nameof(RelayWorkflow);

    public async Task<IReadOnlyList<string>> RunAsync(IWorkflowContext context, RelayInput input)
    {
        if (input.Received.Count == 0)
        {
            context.SetCustomStatus("holding");
            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(5), CancellationToken.None);
        }

        var received = input.Received.Append(await context.WaitForExternalEventAsync<string>(EventName, TimeSpan.FromSeconds(60))).ToList();
        context.SetCustomStatus($"received {received.Count}");
        if (received.Count < 2)
        {
            context.ContinueAsNew(new RelayInput(received));
        }

        return received;
    }
}
