using MlConnector.Core.Hosting.Scheduling;

namespace MlConnector.Core.Failures;

/// <summary>
/// The safety net under the OAuth callback's replay (<c>Schedules:ReconsentReplay</c>, every 30 seconds by default): replays
/// the failures for consent that were recorded after the callback's pass although their cause came before the consent
/// (<see cref="ReconsentFailureReplay.SweepAsync"/>). A pass over a connection with no recent consent reads only its token
/// rows.
/// </summary>
/// <param name="replay">The re-consent replay.</param>
public sealed class ReconsentReplayJob(ReconsentFailureReplay replay) : IScheduledJob
{
    /// <summary>The job's name and its schedule's configuration key (<c>Schedules:ReconsentReplay</c>).</summary>
    public const string JobName = "ReconsentReplay";

    /// <inheritdoc />
    public string Name => JobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        replay.SweepAsync(cancellationToken);
}
