using System.Collections.Concurrent;
using MlConnector.Core.Intake;

namespace MlConnector.Tests.Intake;

/// <summary>A vendor handler that records what it was given, waits for <see cref="HoldUntil"/> and, while <see cref="FailWith"/> is set, throws it.</summary>
internal sealed class RecordingDeliveryHandler(string vendor) : IWebhookDeliveryHandler
{
    public string Vendor => vendor;

    public ConcurrentQueue<(WebhookDelivery Delivery, byte[] Body)> Calls { get; } = new();

    public Exception? FailWith { get; set; }

    /// <summary>While set, each dispatch (once recorded in <see cref="Calls"/>) waits for this task before it finishes.</summary>
    public Task? HoldUntil { get; set; }

    public async Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((delivery, body));
        if (HoldUntil is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        if (FailWith is { } failure)
        {
            throw failure;
        }
    }
}
