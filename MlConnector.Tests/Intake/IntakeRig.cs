using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlConnector.Core.Intake;
using MlConnector.Core.Storage;
using MlConnector.Tests.Integration;

namespace MlConnector.Tests.Intake;

/// <summary>The intake's real parts over one Azurite prefix: queues, blob container, recorder, dispatcher and poller.</summary>
internal sealed class IntakeRig
{
    public IntakeRig(AzuriteFixture azurite, WebhookIntakeOptions options, params IWebhookDeliveryHandler[] handlers)
    {
        var names = new StorageNames(azurite.NewPrefix());
        var queueService = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        Options = Microsoft.Extensions.Options.Options.Create(options);
        Queues = new WebhookIntakeQueues(queueService, names, Options);
        Blobs = new BlobContainerProvider(new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(names.BlobContainer));
        Admission = new WebhookIntakeAdmission(Options, TimeProvider.System);
        GroupCommit = new WebhookIntakeGroupCommit(Queues, Options);
        Intake = new WebhookIntake(Queues, GroupCommit, Blobs, Signal, Admission, Limits, TimeProvider.System, NullLogger<WebhookIntake>.Instance);
        Slots = new WebhookDispatchSlots(Options);
        Dispatcher = new WebhookDeliveryDispatcher(handlers, Slots, Blobs, TimeProvider.System, NullLogger<WebhookDeliveryDispatcher>.Instance);
    }

    public IOptions<WebhookIntakeOptions> Options { get; }

    public WebhookIntakeQueues Queues { get; }

    public BlobContainerProvider Blobs { get; }

    public WebhookIntakeGroupCommit GroupCommit { get; }

    public WebhookIntakeSignal Signal { get; } = new();

    public WebhookIntakeAdmission Admission { get; }

    public WebhookRateLimits Limits { get; } = new(Microsoft.Extensions.Options.Options.Create(new WebhookRateLimitOptions()));

    public WebhookIntake Intake { get; }

    public WebhookDispatchSlots Slots { get; }

    public WebhookDeliveryDispatcher Dispatcher { get; }

    public WebhookIntakePoller CreatePoller(ILogger<WebhookIntakePoller>? logger = null) =>
        new(Queues, Dispatcher, Slots, Signal, Admission, Options, TimeProvider.System, logger ?? NullLogger<WebhookIntakePoller>.Instance);

    public async Task<IReadOnlyList<string>> PeekAsync(bool poison = false)
    {
        var queue = poison ? await Queues.GetPoisonAsync() : await Queues.GetDeliveriesAsync();
        return (await queue.PeekMessagesAsync(32)).Value.Select(m => m.MessageText).ToList();
    }
}
