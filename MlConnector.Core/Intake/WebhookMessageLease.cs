using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace MlConnector.Core.Intake;

/// <summary>
/// Keeps one dequeued delivery message invisible to other dispatchers while this process dispatches it: every third of
/// the visibility timeout it calls Update Message (<see cref="QueueClient.UpdateMessageAsync(string, string, string, TimeSpan, CancellationToken)"/>,
/// visibility only, the text unchanged) with the message's current pop receipt and keeps the new pop receipt the service
/// answers, which the final delete (or the move to the poison queue) then uses. Without it, a dispatch that outlasts
/// <see cref="WebhookIntakeOptions.VisibilityTimeout"/> (a group message waiting for dispatch slots, a slow vendor) makes the
/// message visible again and another dequeue dispatches it a second time.
/// </summary>
/// <remarks>
/// <para>
/// Azure Queue Storage "Update Message": "the pop receipt returned by an earlier call to Get Messages or Update Message"
/// must be given, and the response carries a new one (<c>x-ms-popreceipt</c>), after which the old receipt no longer deletes
/// the message (learn.microsoft.com/rest/api/storageservices/update-message). Renewing at a third of the timeout leaves one
/// failed renewal (a storage hiccup) a second chance before the message reappears. The Functions host needs none of this:
/// its queue trigger (the WebJobs queue listener, <c>Azure/azure-sdk-for-net:sdk/storage/Microsoft.Azure.WebJobs.Extensions.Storage.Common/src/Shared/Queues/QueueListener.cs</c>)
/// receives with a 10-minute visibility timeout and renews it itself halfway to expiry while the function runs.
/// </para>
/// <para>
/// A renewal that finds the message gone or its receipt stale (<see cref="IsStale"/>: another dispatcher took it after it reappeared)
/// stops renewing and is logged; the dispatch goes on and the handlers dedupe the other copy as any redelivery.
/// </para>
/// </remarks>
public sealed class WebhookMessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _visibilityTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop;
    private readonly Task _renewing;
    private string _popReceipt;
    private int _renewals;

    private WebhookMessageLease(QueueClient queue, QueueMessage message, TimeSpan visibilityTimeout, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _popReceipt = message.PopReceipt;
        _visibilityTimeout = visibilityTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _renewing = RenewAsync(cancellationToken);
    }

    /// <summary>The message's current pop receipt: the one its dequeue gave, or the last renewal's once one succeeded.</summary>
    public string PopReceipt => Volatile.Read(ref _popReceipt);

    /// <summary>How many renewals have succeeded.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    /// <summary>True once a renewal found the message gone or its receipt stale (another dispatcher holds it now).</summary>
    public bool Lost { get; private set; }

    /// <summary>Starts renewing a message just received with <paramref name="visibilityTimeout"/>.</summary>
    /// <param name="queue">The queue the message was received from.</param>
    /// <param name="message">The received message (its id and pop receipt).</param>
    /// <param name="visibilityTimeout">The visibility timeout it was received with; each renewal sets it again (at least 1 s).</param>
    /// <param name="timeProvider">The clock (the waits between renewals).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">Stops renewing (the process is stopping; the message then reappears after its timeout).</param>
    /// <returns>The running lease; stop it with <see cref="StopAsync"/> or <see cref="DeleteMessageAsync"/>.</returns>
    public static WebhookMessageLease Start(QueueClient queue, QueueMessage message, TimeSpan visibilityTimeout, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.FromSeconds(1));
        return new WebhookMessageLease(queue, message, visibilityTimeout, timeProvider, logger, cancellationToken);
    }

    /// <summary>
    /// Stops renewing and waits for a renewal in flight, so <see cref="PopReceipt"/> is final. The message stays invisible
    /// until the last renewal's timeout runs out (a failed dispatch is then tried again).
    /// </summary>
    /// <returns>A task that completes when no renewal runs.</returns>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
    }

    /// <summary>Stops renewing, then deletes the message with its current pop receipt.</summary>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes when the message is deleted.</returns>
    /// <exception cref="RequestFailedException">When storage refuses it; <see cref="IsStale"/> when the lease was <see cref="Lost"/>.</exception>
    public async Task DeleteMessageAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await _queue.DeleteMessageAsync(_messageId, PopReceipt, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    /// <summary>
    /// True when storage refused a receipt as no longer the message's: 404 <c>MessageNotFound</c> (deleted) or 400
    /// <c>PopReceiptMismatch</c> (updated or received again since), as learn.microsoft.com/rest/api/storageservices/queue-service-error-codes lists them.
    /// </summary>
    /// <param name="exception">The refusal.</param>
    /// <returns>Whether the receipt was stale.</returns>
    public static bool IsStale(RequestFailedException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Status == 404 || (exception.Status == 400 && string.Equals(exception.ErrorCode, "PopReceiptMismatch", StringComparison.Ordinal));
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var interval = _visibilityTimeout / 3;
        while (true)
        {
            try
            {
                await Task.Delay(interval, _timeProvider, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Not cancelled by StopAsync: a renewal the service applied but whose answer was dropped would leave the
                // message with a receipt nobody holds, and the final delete would fail.
                UpdateReceipt receipt = (await _queue.UpdateMessageAsync(_messageId, PopReceipt, messageText: null, visibilityTimeout: _visibilityTimeout, cancellationToken: cancellationToken)).Value;
                Volatile.Write(ref _popReceipt, receipt.PopReceipt);
                var renewal = Interlocked.Increment(ref _renewals);
                _logger.LeaseRenewed(_messageId, (long)_visibilityTimeout.TotalMilliseconds, renewal);
            }
            catch (RequestFailedException ex) when (IsStale(ex))
            {
                Lost = true;
                _logger.LeaseLost(_messageId, (long)_visibilityTimeout.TotalMilliseconds);
                return;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LeaseRenewalFailed(ex, _messageId, (long)interval.TotalMilliseconds);
            }
        }
    }
}
