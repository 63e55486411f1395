using MlConnector.Core.Connections;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>When a connection's Web Connector counts as silent: no <c>authenticate</c> for N × its schedule (<c>qbd.runEveryMinutes</c>; N is <see cref="QuickBooksWebConnectorOptions.SilenceFactor"/>).</summary>
public static class QuickBooksWebConnectorSilence
{
    /// <summary>How many missed runs make it silent unless configured otherwise: 3.</summary>
    public const int DefaultFactor = 3;

    /// <summary>The connection's Web Connector schedule (<c>qbd.runEveryMinutes</c>, default <see cref="QuickBooksWebConnectorFile.DefaultRunEveryMinutes"/>).</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The interval.</returns>
    public static TimeSpan Interval(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return TimeSpan.FromMinutes(int.TryParse(connection.GetSetting(QuickBooksWebConnectorService.SystemCode, "runEveryMinutes"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? minutes
            : QuickBooksWebConnectorFile.DefaultRunEveryMinutes);
    }

    /// <summary>True when the Web Connector has not called for <paramref name="factor"/> × <see cref="Interval"/> (a connection whose QBWC never called is silent once it is that old); a paused connection is never silent.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="status">Its Web Connector status.</param>
    /// <param name="nowUtc">Now.</param>
    /// <param name="factor">How many missed runs make it silent (<see cref="QuickBooksWebConnectorOptions.SilenceFactor"/>).</param>
    /// <returns>Whether it is silent.</returns>
    public static bool IsSilent(Connection connection, QuickBooksWebConnectorStatus status, DateTimeOffset nowUtc, int factor = DefaultFactor)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(status);
        var since = status.LastSeenUtc ?? connection.CreatedUtc;
        return !connection.Paused && nowUtc - since > Interval(connection) * factor;
    }
}
