namespace Microsoft.DurableTask;

/// <summary>
/// Options for starting an orchestration (DurableTask.Abstractions 1.25.0; a non-positional record whose constructor
/// keeps the PascalCase parameter names of the earlier positional record).
/// </summary>
public record StartOrchestrationOptions
{
    public StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
    {
        this.InstanceId = InstanceId;
        this.StartAt = StartAt;
    }

    public string? InstanceId { get; init; }

    public DateTimeOffset? StartAt { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public TaskVersion? Version { get; init; }

    public IReadOnlyList<string>? DedupeStatuses { get; init; }
}
