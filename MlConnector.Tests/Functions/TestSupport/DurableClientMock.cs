using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace MlConnector.Tests.Functions.TestSupport;

/// <summary>
/// A Moq <see cref="DurableTaskClient"/> (as Microsoft's isolated unit-test sample mocks it) that remembers the
/// instances scheduled through it, so a second start of the same id finds the first, and lists them (one page) by status
/// for the admission count.
/// </summary>
internal sealed class DurableClientMock
{
    private readonly Dictionary<string, OrchestrationMetadata> _instances = new(StringComparer.Ordinal);

    public DurableClientMock()
    {
        Mock.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => _instances.GetValueOrDefault(id));
        Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName name, object? _, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                var id = options!.InstanceId!;
                _instances[id] = new OrchestrationMetadata(name.Name, id) { RuntimeStatus = OrchestrationRuntimeStatus.Pending };
                Scheduled.Add((name.Name, id));
                return id;
            });
        Mock.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Returns((OrchestrationQuery? query) => Pageable.Create((string? _, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>(
                [.. _instances.Values.Where(i => query?.Statuses is null || query.Statuses.Contains(i.RuntimeStatus))]))));
    }

    public Mock<DurableTaskClient> Mock { get; } = new("test-hub");

    public DurableTaskClient Object => Mock.Object;

    /// <summary>Every scheduled (orchestrator, instance id), in order.</summary>
    public List<(string Orchestrator, string InstanceId)> Scheduled { get; } = [];
}
