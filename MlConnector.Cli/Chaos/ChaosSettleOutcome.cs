using System.Text.Json.Serialization;

namespace MlConnector.Cli.Chaos;

/// <summary>How a wait for the host to finish its work ended (<see cref="ChaosHost.WaitUntilSettledAsync"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChaosSettleOutcome>))]
internal enum ChaosSettleOutcome
{
    /// <summary>Nothing left to do.</summary>
    Settled,

    /// <summary>The settle limit passed with work left.</summary>
    TimedOut,

    /// <summary>The same workflows kept running with nothing else moving while open failures exist.</summary>
    Stalled,
}
