using System.ComponentModel.DataAnnotations;

namespace MlConnector.Core.Storage;

/// <summary>
/// Where ml-connector keeps its state (connections, audit trail, idempotency ledger, workflow instances,
/// encrypted local secrets) and its blobs (labels, leases).
/// </summary>
/// <remarks>
/// Either <see cref="ConnectionString"/> (Azurite: <c>UseDevelopmentStorage=true</c> or an explicit
/// <c>TableEndpoint=…</c> string) or the two service URIs with a managed identity (Azure).
/// </remarks>
public sealed class StorageOptions
{
    /// <summary>The configuration section: <c>Storage</c>.</summary>
    public const string SectionName = "Storage";

    /// <summary>A storage connection string. Not a secret for Azurite; in Azure leave it empty and set the URIs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table service endpoint used with <c>DefaultAzureCredential</c> when no connection string is set.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Blob service endpoint used with <c>DefaultAzureCredential</c> when no connection string is set.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>
    /// The Queue service endpoint used with the managed identity: the webhook intake's delivery queue (both hosts) and
    /// <c>mlconnector serve</c>'s workflow task hub (the Functions host's task hub is configured by the host).
    /// </summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>
    /// A prefix for every table and container name, so several environments (or test runs) can share one account.
    /// Letters and digits only; table names must start with a letter.
    /// </summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$", ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "ml";

    /// <summary>True when either a connection string or both service URIs are configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || (TableServiceUri is not null && BlobServiceUri is not null);
}
