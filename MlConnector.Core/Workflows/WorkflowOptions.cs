using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Workflows;

/// <summary>Settings of the standalone workflow runner (<c>mlconnector serve</c>); the Functions host uses Durable's own.</summary>
public sealed class WorkflowOptions
{
    /// <summary>The configuration section: <c>Workflows</c>.</summary>
    public const string SectionName = "Workflows";

    /// <summary>How many instances one runner executes at once.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// How long a runner's claim on an instance lasts without renewal. A runner that dies mid-step leaves its
    /// instances to others after this long; a live runner renews at a third of it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle runner looks for work started or signalled by other processes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an instance rests after its run hit an unexpected error (for example storage unreachable).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
