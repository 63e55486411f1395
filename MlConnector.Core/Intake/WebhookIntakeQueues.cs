using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Intake;

/// <summary>
/// The intake's two queues, each created once per process on first use (a failed creation is tried again by the next
/// caller): the deliveries (<see cref="WebhookIntakeOptions.QueueName"/>, default <c>{prefix}-intake</c>) and their
/// poison queue (<c>…-poison</c>, the name the Functions queue trigger moves a failing message to).
/// </summary>
/// <param name="service">The queue service (base64 message encoding, as the Functions queue trigger reads it).</param>
/// <param name="names">The storage names (the prefix).</param>
/// <param name="options">The intake settings.</param>
public sealed class WebhookIntakeQueues(QueueServiceClient service, StorageNames names, IOptions<WebhookIntakeOptions> options)
{
    /// <summary>The suffix the Functions queue trigger gives a queue's poison queue.</summary>
    public const string PoisonSuffix = "-poison";

    private readonly Lazy<QueueClient> _deliveries = new(() => service.GetQueueClient(NameOf(options.Value, names)));
    private readonly Lazy<QueueClient> _poison = new(() => service.GetQueueClient(NameOf(options.Value, names) + PoisonSuffix));
    private readonly CreatedOnce _created = new();

    /// <summary>The delivery queue's name.</summary>
    public string DeliveryQueueName => _deliveries.Value.Name;

    /// <summary>The delivery queue's name for the given settings: <see cref="WebhookIntakeOptions.QueueName"/>, else <c>{prefix}-intake</c>.</summary>
    /// <param name="options">The intake settings.</param>
    /// <param name="names">The storage names.</param>
    /// <returns>The queue name.</returns>
    public static string NameOf(WebhookIntakeOptions options, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(names);
        return string.IsNullOrWhiteSpace(options.QueueName) ? names.Prefix.ToLowerInvariant() + "-intake" : options.QueueName;
    }

    /// <summary>The delivery queue, created if this process has not yet.</summary>
    /// <param name="cancellationToken">Cancels the wait (not the creation, which other callers may share).</param>
    /// <returns>The queue client.</returns>
    /// <exception cref="Azure.RequestFailedException">When the storage account refuses the creation.</exception>
    public async Task<QueueClient> GetDeliveriesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        return _deliveries.Value;
    }

    /// <summary>The poison queue, created if this process has not yet.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The queue client.</returns>
    /// <exception cref="Azure.RequestFailedException">When the storage account refuses the creation.</exception>
    public async Task<QueueClient> GetPoisonAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        return _poison.Value;
    }

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) => _created.WaitAsync(CreateBothAsync, cancellationToken);

    private async Task CreateBothAsync()
    {
        await _deliveries.Value.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        await _poison.Value.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
    }
}
