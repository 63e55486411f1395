namespace Microsoft.DurableTask.Entities;

/// <summary>Options for signalling an entity (DurableTask.Abstractions 1.25.0).</summary>
public record SignalEntityOptions
{
    public DateTimeOffset? SignalTime { get; init; }
}
