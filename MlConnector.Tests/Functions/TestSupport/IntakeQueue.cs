using Microsoft.Extensions.DependencyInjection;
using MlConnector.Core.Intake;
using MlConnector.Functions.Queues;

namespace MlConnector.Tests.Functions.TestSupport;

/// <summary>
/// Plays the Functions runtime's queue trigger in tests: takes every recorded webhook delivery off the intake's queue
/// and runs the real <see cref="WebhookDeliveryDispatch"/> function on each (with the given Durable client), deleting
/// each message once the function returns, as the runtime does.
/// </summary>
internal static class IntakeQueue
{
    /// <summary>How many deliveries wait in the queue (visible or not).</summary>
    public static async Task<int> CountAsync(IServiceProvider provider) =>
        (await provider.GetRequiredService<WebhookIntake>().CountAsync()).Pending;

    /// <summary>Dispatches every waiting delivery; returns how many.</summary>
    public static async Task<int> DispatchAllAsync(IServiceProvider provider, DurableClientMock durable)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var queue = await provider.GetRequiredService<WebhookIntakeQueues>().GetDeliveriesAsync();
        var dispatched = 0;
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (messages.Length == 0)
            {
                return dispatched;
            }

            foreach (var message in messages)
            {
                using var scope = provider.CreateScope();
                await FunctionsServices.CreateFunction<WebhookDeliveryDispatch>(scope).RunAsync(message.MessageText, durable.Object, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                dispatched++;
            }
        }
    }
}
