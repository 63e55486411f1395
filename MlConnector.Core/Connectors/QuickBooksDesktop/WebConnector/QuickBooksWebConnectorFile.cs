using System.Security.Cryptography;
using System.Xml.Linq;
using MlConnector.Core.Connections;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>
/// Writes the <c>.qwc</c> file a merchant opens in the QuickBooks Web Connector to add a connection (format: Intuit's
/// samples in contracts/quickbooks-desktop/qwc and PROTOCOL-NOTES §3): <c>AppURL</c> on HTTPS (plain HTTP only for
/// <c>localhost</c>), <c>AppSupport</c> on the same host, <c>OwnerID</c> stable per deployment, <c>FileID</c> stable per
/// connection, <c>Scheduler/RunEveryNMinutes</c> from the connection's <c>qbd.runEveryMinutes</c> (default
/// <see cref="DefaultRunEveryMinutes"/>), <c>QBType</c> QBFS. Holds no password: the merchant types it into QBWC.
/// </summary>
public static class QuickBooksWebConnectorFile
{
    /// <summary>How often QBWC runs the update when the connection does not say: every 15 minutes.</summary>
    public const int DefaultRunEveryMinutes = 15;

    /// <summary>Builds the <c>.qwc</c> document.</summary>
    /// <param name="connection">A <c>qbd-shipstation</c> connection with <c>settings.qbd.qbwcUserName</c>.</param>
    /// <param name="endpoint">The public URL of the SOAP endpoint, for example <c>https://connector.example.com/qbwc</c>.</param>
    /// <param name="ownerId">The deployment's OwnerID (keep it for the life of the deployment).</param>
    /// <returns>The file's text.</returns>
    /// <exception cref="ArgumentException">When the endpoint is not HTTPS (and not localhost) or the connection has no user name.</exception>
    public static string Create(Connection connection, Uri endpoint, Guid ownerId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && !endpoint.IsLoopback && !string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("The Web Connector requires an HTTPS AppURL (plain HTTP only for localhost).", nameof(endpoint));
        }

        var userName = connection.GetSetting(QuickBooksWebConnectorService.SystemCode, "qbwcUserName");
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new ArgumentException($"Connection {connection.Id} has no settings.qbd.qbwcUserName.", nameof(connection));
        }

        var minutes = int.TryParse(connection.GetSetting(QuickBooksWebConnectorService.SystemCode, "runEveryMinutes"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var configured) && configured > 0
            ? configured
            : DefaultRunEveryMinutes;
        var support = new UriBuilder(endpoint) { Query = "wsdl" }.Uri;
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "QBWCXML",
                new XElement("AppName", $"ml-connector ({connection.Id})"),
                new XElement("AppID", string.Empty),
                new XElement("AppURL", endpoint.AbsoluteUri),
                new XElement("AppDescription", "ml-connector: ShipStation orders and shipments into QuickBooks Desktop."),
                new XElement("AppSupport", support.AbsoluteUri),
                new XElement("UserName", userName),
                new XElement("OwnerID", ownerId.ToString("B").ToUpperInvariant()),
                new XElement("FileID", FileId(connection.Id).ToString("B").ToUpperInvariant()),
                new XElement("QBType", "QBFS"),
                new XElement("Scheduler", new XElement("RunEveryNMinutes", minutes.ToString(CultureInfo.InvariantCulture))),
                new XElement("IsReadOnly", "false")));
        return document.Declaration + Environment.NewLine + document.Root;
    }

    /// <summary>The connection's FileID: a name-based GUID of the connection id, so every download of the file is the same.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <returns>The GUID.</returns>
    public static Guid FileId(string connectionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("ml-connector/qbwc-file/" + connectionId));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom), RFC 9562
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
