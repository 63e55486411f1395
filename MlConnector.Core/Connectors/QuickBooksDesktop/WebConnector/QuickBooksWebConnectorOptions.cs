using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;

/// <summary>Settings of the Web Connector endpoint, bound from <c>Connectors:QuickBooksDesktop</c>.</summary>
public sealed class QuickBooksWebConnectorOptions
{
    /// <summary>The configuration section: <c>Connectors:QuickBooksDesktop</c>.</summary>
    public const string SectionName = "Connectors:QuickBooksDesktop";

    /// <summary>How long a session ticket is accepted after authenticate. Default 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The oldest QBWC accepted without a warning. Default 2.1 (QBWC 2.x adds the wait-time fields of authenticate).</summary>
    [Required]
    public string MinimumClientVersion { get; set; } = "2.1";

    /// <summary>
    /// The deployment's <c>OwnerID</c> in every <c>.qwc</c> (keep it for the life of the deployment: QBWC ties the
    /// application to it). Unset: a name-based GUID of the endpoint's host, which is as stable as the host name.
    /// </summary>
    public Guid? OwnerId { get; set; }

    /// <summary>
    /// How many missed Web Connector runs make a connection's Web Connector silent: no <c>authenticate</c> for this many
    /// times its schedule (<c>qbd.runEveryMinutes</c>, the <c>.qwc</c>'s <c>Scheduler/RunEveryNMinutes</c>). Default
    /// <see cref="QuickBooksWebConnectorSilence.DefaultFactor"/> (3). Read by health and the "Web Connector silent" alert.
    /// </summary>
    [Range(1, 1000)]
    public int SilenceFactor { get; set; } = QuickBooksWebConnectorSilence.DefaultFactor;
}
