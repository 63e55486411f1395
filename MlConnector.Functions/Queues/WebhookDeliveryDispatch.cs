using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MlConnector.Core.Intake;
using MlConnector.Functions.Workflows;

namespace MlConnector.Functions.Queues;

/// <summary>
/// The webhook intake's dispatcher in Azure: a queue trigger on the delivery queue (<c>Intake:QueueName</c>, in the
/// host's storage account, the one account of infra/app/storage.bicep) that hands each recorded delivery to Core's
/// <see cref="WebhookDeliveryDispatcher"/>, whose vendor handlers start their orchestrations through this invocation's
/// Durable client. A throw leaves the message to the runtime: it is tried again, and after host.json's
/// <c>maxDequeueCount</c> (5) it is moved to <c>{queue}-poison</c>, where <c>POST /api/intake/poison/replay</c> finds it.
/// A long dispatch is not taken twice: the runtime's queue listener receives each message invisible for 10 minutes and
/// renews that halfway to expiry while the function runs (<c>Azure/azure-sdk-for-net:sdk/storage/Microsoft.Azure.WebJobs.Extensions.Storage.Common/src/Shared/Queues/QueueListener.cs</c>),
/// what <c>serve</c>'s poller does with <see cref="WebhookMessageLease"/>; host.json's <c>visibilityTimeout</c> is only the
/// wait before a failed message is tried again.
/// </summary>
/// <param name="services">Builds the dispatcher over this invocation's Durable client.</param>
public sealed class WebhookDeliveryDispatch(DurableClientServices services)
{
    [Function(nameof(WebhookDeliveryDispatch))]
    public Task RunAsync(
        [QueueTrigger("%Intake:QueueName%")] string message,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return services.Resolve<WebhookDeliveryDispatcher>(durableClient).DispatchAsync(message, cancellationToken);
    }
}
