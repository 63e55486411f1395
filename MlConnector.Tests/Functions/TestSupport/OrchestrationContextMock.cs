using Microsoft.DurableTask;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;
using MlConnector.Core.Workflows.Engines;
using MlConnector.Functions.Workflows;
using Moq;

namespace MlConnector.Tests.Functions.TestSupport;

/// <summary>
/// A Moq <see cref="TaskOrchestrationContext"/> as Microsoft documents for isolated orchestrator tests: the input
/// envelope <see cref="DurableWorkflowClient"/> writes, activity calls answered per name and recorded, timers that
/// fire at once, custom statuses collected.
/// </summary>
internal sealed class OrchestrationContextMock
{
    public static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>The workflow JSON contract: System.Text.Json, web defaults.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Queue<WorkflowActivityResult>> _answers = new(StringComparer.Ordinal);

    public OrchestrationContextMock(string instanceId, object input)
    {
        Mock.SetupGet(c => c.InstanceId).Returns(instanceId);
        Mock.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        Mock.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        Mock.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => Statuses.Add(((JsonElement?)s)?.GetRawText()));
        var element = JsonSerializer.SerializeToElement(input, Json);
        Mock.Setup(c => c.GetInput<WorkflowEnvelope>()).Returns(new WorkflowEnvelope(element, instanceId, 0, null));
        Mock.Setup(c => c.CallActivityAsync<WorkflowActivityResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ReturnsAsync((TaskName name, object? request, TaskOptions? _) =>
            {
                Calls.Add((name.Name, (WorkflowActivityRequest)request!));
                return _answers.TryGetValue(name.Name, out var queue) && queue.Count > 0
                    ? queue.Dequeue()
                    : throw new InvalidOperationException($"The test gave no answer for activity '{name.Name}'.");
            });
    }

    public Mock<TaskOrchestrationContext> Mock { get; } = new();

    public TaskOrchestrationContext Object => Mock.Object;

    /// <summary>Every activity call: its function name and request.</summary>
    public List<(string Activity, WorkflowActivityRequest Request)> Calls { get; } = [];

    public List<string?> Statuses { get; } = [];

    /// <summary>Answers the next call of <paramref name="activity"/> with <paramref name="output"/> as web-defaults JSON.</summary>
    public OrchestrationContextMock Returns(string activity, object output)
        => Answer(activity, new WorkflowActivityResult(JsonSerializer.Serialize(output, Json), null));

    /// <summary>Answers the next call of <paramref name="activity"/> with a classified failure.</summary>
    public OrchestrationContextMock Fails(string activity, ErrorKind kind, string message)
        => Answer(activity, new WorkflowActivityResult(null, new WorkflowFailureDetails(kind, "MlConnector.Core.Errors.ConnectorException", message)));

    private OrchestrationContextMock Answer(string activity, WorkflowActivityResult result)
    {
        if (!_answers.TryGetValue(activity, out var queue))
        {
            _answers[activity] = queue = new Queue<WorkflowActivityResult>();
        }

        queue.Enqueue(result);
        return this;
    }
}
