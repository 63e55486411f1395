namespace Microsoft.DurableTask.Entities;

/// <summary>Options for calling an entity (DurableTask.Abstractions 1.25.0).</summary>
public record CallEntityOptions;
