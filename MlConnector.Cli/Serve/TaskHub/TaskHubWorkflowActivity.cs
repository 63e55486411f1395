using DurableTask.Core;
using DurableTask.Core.Exceptions;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;

namespace MlConnector.Cli.Serve.TaskHub;

/// <summary>
/// One Core activity as a Durable Task Framework activity, registered under its Core name. Each attempt resolves the
/// activity from a new DI scope and runs it through <see cref="WorkflowActivityInvoker"/>, which returns the output or
/// the classified failure for <see cref="WorkflowRetryPolicy"/> to decide on.
/// </summary>
/// <remarks>
/// The input is the JSON array of the scheduled parameters (one <see cref="WorkflowActivityRequest"/> object); the
/// result is a <see cref="WorkflowActivityResult"/> as JSON. When the host shuts down mid-attempt the work item is
/// abandoned (<see cref="SessionAbortedException"/>), not failed, so the attempt runs again after the restart: the
/// activities are idempotent.
/// </remarks>
/// <param name="activityType">The Core activity's type, resolved per attempt.</param>
/// <param name="scopeFactory">Creates the attempt's scope.</param>
/// <param name="invoker">Runs the attempt and classifies its failure.</param>
/// <param name="stopping">Cancelled when the host stops.</param>
internal sealed class TaskHubWorkflowActivity(Type activityType, IServiceScopeFactory scopeFactory, WorkflowActivityInvoker invoker, CancellationToken stopping) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("Workflow activities run asynchronously.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = ReadRequest(input);
        await using var scope = scopeFactory.CreateAsyncScope();
        var activity = (IWorkflowActivity)scope.ServiceProvider.GetRequiredService(activityType);
        try
        {
            var result = await invoker.RunAsync(activity, request, stopping);
            return WorkflowEngineJson.ToJson(result, int.MaxValue, "activity result")!;
        }
        catch (OperationCanceledException ex) when (stopping.IsCancellationRequested)
        {
            throw new SessionAbortedException("The host is stopping; the attempt runs again after the restart.", ex);
        }
    }

    private static WorkflowActivityRequest ReadRequest(string input)
    {
        using var document = JsonDocument.Parse(input);
        var root = document.RootElement;
        var element = root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1 ? root[0] : root;
        return element.Deserialize<WorkflowActivityRequest>(WorkflowEngineJson.Options)
            ?? throw new InvalidOperationException("The activity was scheduled without a request.");
    }
}
