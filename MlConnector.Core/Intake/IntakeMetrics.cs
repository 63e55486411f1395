using System.Diagnostics.Metrics;

namespace MlConnector.Core.Intake;

/// <summary>
/// The intake's metrics (meter <c>MlConnector.Intake</c>, read with <c>dotnet-counters monitor --counters MlConnector.Intake</c>
/// or any OpenTelemetry exporter): the duration of each record write and how many deliveries it carried
/// (<see cref="WebhookIntakeGroupCommit"/>), so the part of an acknowledgement spent waiting for storage can be told apart
/// from the rest.
/// </summary>
public static class IntakeMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MlConnector.Intake";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> WriteDuration = Meter.CreateHistogram<double>(
        "mlconnector.intake.record.duration", "ms", "Duration of one intake record write (one queue message), by outcome.");

    private static readonly Histogram<int> GroupSize = Meter.CreateHistogram<int>(
        "mlconnector.intake.record.deliveries", "{delivery}", "Deliveries carried by one intake record write.");

    /// <summary>Records one record write.</summary>
    /// <param name="deliveries">The deliveries the write carried.</param>
    /// <param name="elapsed">How long the write took.</param>
    /// <param name="succeeded">Whether storage accepted it.</param>
    public static void RecordWritten(int deliveries, TimeSpan elapsed, bool succeeded)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", succeeded ? "stored" : "failed");
        WriteDuration.Record(elapsed.TotalMilliseconds, outcome);
        GroupSize.Record(deliveries, outcome);
    }
}
