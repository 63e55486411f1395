using MlConnector.Core.Workflows;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// One vendor step with a retry policy short enough for tests (Core's policies wait 10 s and more), so that retries,
/// Retry-After and duplicate starts run on the real engine in well under a minute.
/// </summary>
public sealed class StepWorkflow : IWorkflow<StepInput, string>
{
    public const string Activity = "EngineStepActivity";

    public string Name => nameof(StepWorkflow);

    public async Task<string> RunAsync(IWorkflowContext context, StepInput input)
    {
        context.SetCustomStatus(new { step = "call", recordId = input.RecordId });
        var retry = new WorkflowRetryPolicy(input.MaxAttempts, TimeSpan.FromMilliseconds(input.FirstRetryMilliseconds));
        var output = await context.CallActivityAsync<string>(Activity, new { recordId = input.RecordId }, retry);
        context.SetCustomStatus(new { step = "done", recordId = input.RecordId });
        return output;
    }
}
