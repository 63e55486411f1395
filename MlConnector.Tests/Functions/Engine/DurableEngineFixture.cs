using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MlConnector.Core.Storage;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Http;
using MlConnector.Functions.Workflows;
using MlConnector.Tests.Workflows.TestWorkflows;

namespace MlConnector.Tests.Functions.Engine;

/// <summary>
/// The real Durable Task engine, in process (<see cref="DurableTaskTestHost"/>: the in-memory back end behind the same
/// gRPC sidecar protocol the Functions host speaks), with every orchestrator function of the Functions app registered
/// under its function name and run through its own <c>RunAsync</c>, the test workflows registered the same way
/// (<see cref="DurableWorkflowRunner"/>), and every activity function name of the app served by
/// <see cref="WorkflowActivityInvoker"/> over a <see cref="ScriptedActivity"/>. Workflows are started and queried
/// through <see cref="DurableWorkflowClient"/> over the engine's real <see cref="DurableTaskClient"/>.
/// </summary>
public sealed class DurableEngineFixture : IAsyncLifetime
{
    /// <summary>The longest a test waits for the engine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Assembly FunctionsAssembly = typeof(HealthHttp).Assembly;
    private DurableTaskTestHost? _host;

    public ActivityScript Script { get; } = new();

    public ReplayProbeWorkflow ReplayProbe { get; } = new();

    public DurableTaskClient Client => (_host ?? throw new InvalidOperationException("The engine has not started.")).Client;

    public IWorkflowClient Workflows => new DurableWorkflowClient(Client, NullLogger<DurableWorkflowClient>.Instance);

    /// <summary>The app's orchestrator functions: name and body.</summary>
    public static IReadOnlyList<(string Name, Func<TaskOrchestrationContext, Task<JsonElement?>> Run)> Orchestrators()
        => FunctionsWith<OrchestrationTriggerAttribute>()
            .Select(m => (m.GetCustomAttribute<FunctionAttribute>()!.Name, m.CreateDelegate<Func<TaskOrchestrationContext, Task<JsonElement?>>>()))
            .ToList();

    /// <summary>The app's activity function names.</summary>
    public static IReadOnlyList<string> Activities()
        => FunctionsWith<ActivityTriggerAttribute>().Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name).ToList();

    public async Task InitializeAsync()
    {
        var runner = new WorkflowActivityInvoker(NullLogger<WorkflowActivityInvoker>.Instance);
        IWorkflow[] testWorkflows = [new StepWorkflow(), ReplayProbe, new ReminderWorkflow(), new ApprovalWorkflow()];
        _host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                // The orchestrator reads its WorkflowEnvelope with GetInput<T>, which the engine answers from the
                // input it deserialized with the registered input type (the Functions extension converts on demand).
                foreach (var (name, run) in Orchestrators())
                {
                    registry.AddOrchestratorFunc<WorkflowEnvelope, JsonElement?>(name, (context, _) => run(context));
                }

                foreach (var workflow in testWorkflows)
                {
                    registry.AddOrchestratorFunc<WorkflowEnvelope, JsonElement?>(
                        WorkflowOrchestratorNames.OrchestratorFor(workflow.Name), (context, _) => DurableWorkflowRunner.RunAsync(context, workflow));
                }

                foreach (var name in Activities().Append(StepWorkflow.Activity))
                {
                    var activity = new ScriptedActivity(name, Script);
                    registry.AddActivityFunc<WorkflowActivityRequest, WorkflowActivityResult>(name, (_, request) => runner.RunAsync(activity, request));
                }
            },
            new DurableTaskTestHostOptions { Port = LoopbackPort.FindFree() });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>Waits until the instance completes, fails or is terminated.</summary>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var cancellation = new CancellationTokenSource(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellation.Token);
    }

    /// <summary>Starts a workflow through <see cref="DurableWorkflowClient"/> and waits for it; fails the test unless it completes.</summary>
    public async Task<OrchestrationMetadata> RunToCompletionAsync(string workflowName, string instanceId, object input)
    {
        var started = await Workflows.StartAsync(workflowName, instanceId, input);
        Assert.False(started.IsDuplicate, $"{instanceId} was started before");
        var metadata = await WaitForCompletionAsync(instanceId);
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instanceId} is {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
        return metadata;
    }

    /// <summary>Polls the workflow status until <paramref name="condition"/> holds.</summary>
    public async Task<WorkflowInstanceStatus> WaitForStatusAsync(string instanceId, Func<WorkflowInstanceStatus, bool> condition)
    {
        using var cancellation = new CancellationTokenSource(Patience);
        while (true)
        {
            if (await Workflows.GetStatusAsync(instanceId, cancellation.Token) is { } status && condition(status))
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellation.Token);
        }
    }

    private static IEnumerable<MethodInfo> FunctionsWith<TTrigger>()
        where TTrigger : Attribute
        => FunctionsAssembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null));
}
