using MlConnector.Core.Connections;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>When a connection's Web Connector counts as silent: no <c>authenticate</c> for <see cref="Factor"/> × its schedule (<c>qbd.runEveryMinutes</c>).</summary>
public static class QuickBooksWebConnectorSilence
{
    /// <summary>How many missed runs make it silent: 3.</summary>
    public const int Factor = 3;

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

    /// <summary>True when the Web Connector has not called for <see cref="Factor"/> × <see cref="Interval"/> (a connection whose QBWC never called is silent once it is that old).</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="status">Its Web Connector status.</param>
    /// <param name="nowUtc">Now.</param>
    /// <returns>Whether it is silent.</returns>
    public static bool IsSilent(Connection connection, QuickBooksWebConnectorStatus status, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(status);
        var since = status.LastSeenUtc ?? connection.CreatedUtc;
        return !connection.Paused && nowUtc - since > Interval(connection) * Factor;
    }
}
