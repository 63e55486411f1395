namespace Microsoft.DurableTask;

/// <summary>Options for <c>ContinueAsNew</c> (DurableTask.Abstractions 1.25.0).</summary>
public class ContinueAsNewOptions
{
    public object? NewInput { get; set; }

    public bool PreserveUnprocessedEvents { get; set; } = true;

    public string? NewVersion { get; set; }
}
