using System.Collections.Concurrent;
using MlConnector.Core.Intake;

namespace MlConnector.Tests.Intake;

/// <summary>A vendor handler that records what it was given and, while <see cref="FailWith"/> is set, throws it.</summary>
internal sealed class RecordingDeliveryHandler(string vendor) : IWebhookDeliveryHandler
{
    public string Vendor => vendor;

    public ConcurrentQueue<(WebhookDelivery Delivery, byte[] Body)> Calls { get; } = new();

    public Exception? FailWith { get; set; }

    public Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((delivery, body));
        return FailWith is { } failure ? Task.FromException(failure) : Task.CompletedTask;
    }
}
