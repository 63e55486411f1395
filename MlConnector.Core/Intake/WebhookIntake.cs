using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Intake;

/// <summary>
/// The one webhook intake recorder every vendor route uses once it has verified a delivery: it records the delivery
/// durably with one storage write, one queue message (<see cref="WebhookDelivery"/>, or its share of one group message when
/// deliveries arrive while earlier writes are in flight: <see cref="WebhookIntakeGroupCommit"/>), and the route answers at once.
/// Routing, dedupe, ledger, audit and workflow starts happen later in <see cref="WebhookDeliveryDispatcher"/>. A body
/// too big for a queue message (64 KiB after base64; about 36 KiB of body) goes to a blob first, then the message that
/// names it. A process that dies after the answer loses nothing: the message is in the queue.
/// </summary>
/// <param name="queues">The delivery and poison queues.</param>
/// <param name="groupCommit">Writes the delivery messages, grouping those that arrive together.</param>
/// <param name="blobs">The blob container (oversize bodies under <c>intake/</c>).</param>
/// <param name="signal">Wakes this process's dispatcher.</param>
/// <param name="admission">Bounds the record writes of <see cref="AcceptAsync"/> (a full intake answers 503).</param>
/// <param name="limits">The per-connection budgets of verified deliveries and of handshakes (<see cref="AcceptAsync"/> and <see cref="AcceptHandshakeAsync"/> answer 429 over them).</param>
/// <param name="timeProvider">The clock (receipt time).</param>
/// <param name="logger">The logger.</param>
public sealed class WebhookIntake(
    WebhookIntakeQueues queues,
    WebhookIntakeGroupCommit groupCommit,
    BlobContainerProvider blobs,
    WebhookIntakeSignal signal,
    WebhookIntakeAdmission admission,
    WebhookRateLimits limits,
    TimeProvider timeProvider,
    ILogger<WebhookIntake> logger)
{
    /// <summary>The <c>Retry-After</c> a full intake answers with, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The largest message text kept inline, in UTF-8 bytes: base64 makes 48 KiB into the queue's 64 KiB.</summary>
    public const int MaxInlineMessageBytes = 48 * 1024;

    /// <summary>Records one verified delivery: its message is in the delivery queue, alone or in a group, when this returns.</summary>
    /// <param name="vendor">The handler that will dispatch it (<see cref="IWebhookDeliveryHandler.Vendor"/>).</param>
    /// <param name="connectionId">The connection from the URL, if the route has one.</param>
    /// <param name="topic">What the delivery is about, as the vendor named it, if known.</param>
    /// <param name="body">The verified raw body.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The delivery's id and receipt time.</returns>
    /// <exception cref="Azure.RequestFailedException">When storage refuses the write (the route answers 5xx and the vendor retries).</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> was cancelled or the write passed <see cref="WebhookIntakeOptions.RecordTimeout"/>.</exception>
    public async Task<WebhookDelivery> RecordAsync(string vendor, string? connectionId, string? topic, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vendor);
        ArgumentNullException.ThrowIfNull(body);
        var delivery = new WebhookDelivery(Guid.NewGuid().ToString("N"), vendor, connectionId, topic, timeProvider.GetUtcNow(), body, null);
        var text = JsonSerializer.Serialize(delivery, IntakeJsonContext.Default.WebhookDelivery);
        var where = string.Empty;
        if (Encoding.UTF8.GetByteCount(text) > MaxInlineMessageBytes)
        {
            var blobName = string.Create(CultureInfo.InvariantCulture, $"intake/{delivery.ReceivedAt:yyyy/MM/dd}/{delivery.Id}");
            var container = await blobs.GetAsync(cancellationToken);
            await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(body), overwrite: false, cancellationToken);
            delivery = delivery with { Body = null, BodyBlob = blobName };
            text = JsonSerializer.Serialize(delivery, IntakeJsonContext.Default.WebhookDelivery);
            where = " (body in blob " + blobName + ")";
        }

        var grouped = await groupCommit.CommitAsync(text, cancellationToken);
        signal.Notify();
        logger.Recorded(delivery.Id, vendor, topic, connectionId, body.Length, grouped, where);
        return delivery;
    }

    /// <summary>
    /// Records one verified delivery within its connection's budget and the intake's bound, and gives the route its answer:
    /// 200 with a <see cref="WebhookAccepted"/>; 429 with <c>Retry-After</c> when the connection has spent its budget of
    /// verified deliveries (<see cref="WebhookRateLimits.AcquireDeliveryPermit"/>; a replay counts like any delivery),
    /// with nothing recorded or started; or, when no record slot is free (<see cref="WebhookIntakeAdmission"/>) or the write
    /// does not finish within <see cref="WebhookIntakeOptions.RecordTimeout"/>, or storage refuses it, 503 with
    /// <c>Retry-After</c> (<see cref="RetryAfterSeconds"/>), so the vendor delivers it again and nothing acknowledged is
    /// unrecorded. Routes call this only once a delivery passed verification, so what they refuse costs no permit.
    /// </summary>
    /// <param name="vendor">The handler that will dispatch it.</param>
    /// <param name="connectionId">The connection from the URL, if the route has one.</param>
    /// <param name="topic">What the delivery is about, if known.</param>
    /// <param name="body">The verified raw body.</param>
    /// <param name="instanceId">The workflow instance the delivery will start, when the payload fixes it (answered to the vendor), else null.</param>
    /// <param name="cancellationToken">Cancels the write (the request was aborted).</param>
    /// <returns>The HTTP answer.</returns>
    public async Task<IResult> AcceptAsync(string vendor, string? connectionId, string? topic, byte[] body, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        if (limits.AcquireDeliveryPermit(vendor, connectionId) is { } overLimit)
        {
            logger.OverConnectionLimit(vendor, connectionId, overLimit.RetryAfterSeconds);
            return overLimit;
        }

        return await RecordWithinBoundAsync(vendor, connectionId, topic, body, instanceId, null, cancellationToken);
    }

    /// <summary>
    /// Records one registration handshake (FreshBooks' unsigned <c>callback.verify</c>) as <see cref="AcceptAsync"/> records
    /// a delivery, but within the connection's handshake budget (<see cref="WebhookRateLimits.AcquireHandshakePermit"/>,
    /// <see cref="WebhookRateLimitOptions.HandshakesPerMinute"/>) instead of its delivery budget: 429 with <c>Retry-After</c>
    /// over it, with nothing written. The handshake proves nothing by itself (it is confirmed with the vendor at dispatch),
    /// so it must not spend the signed deliveries' budget, and a burst of real deliveries must not refuse it.
    /// </summary>
    /// <param name="vendor">The handler that will dispatch it.</param>
    /// <param name="connectionId">The connection from the URL.</param>
    /// <param name="topic">What the handshake is (the vendor's event name).</param>
    /// <param name="body">The body to record (without the secret it carried).</param>
    /// <param name="beforeRecord">The write the dispatch needs (the handshake's verifier, kept in the secret store), made once the permit is taken and before the record.</param>
    /// <param name="cancellationToken">Cancels the writes (the request was aborted).</param>
    /// <returns>The HTTP answer.</returns>
    public async Task<IResult> AcceptHandshakeAsync(string vendor, string connectionId, string topic, byte[] body, Func<CancellationToken, Task> beforeRecord, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beforeRecord);
        if (limits.AcquireHandshakePermit(vendor, connectionId) is { } overLimit)
        {
            logger.OverHandshakeLimit(vendor, connectionId, overLimit.RetryAfterSeconds);
            return overLimit;
        }

        return await RecordWithinBoundAsync(vendor, connectionId, topic, body, null, beforeRecord, cancellationToken);
    }

    private async Task<IResult> RecordWithinBoundAsync(string vendor, string? connectionId, string? topic, byte[] body, string? instanceId, Func<CancellationToken, Task>? beforeRecord, CancellationToken cancellationToken)
    {
        if (beforeRecord is not null)
        {
            await beforeRecord(cancellationToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(admission.RecordTimeout);
        using var slot = await admission.EnterAsync(deadline.Token);
        if (slot is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Full(vendor, connectionId, "no record slot was free");
        }

        try
        {
            var delivery = await RecordAsync(vendor, connectionId, topic, body, deadline.Token);
            return Results.Ok(new WebhookAccepted(delivery.Id, instanceId));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Full(vendor, connectionId, "the record write did not finish in time");
        }
        catch (Azure.RequestFailedException ex)
        {
            logger.RecordFailed(ex, vendor, connectionId);
            return Full(vendor, connectionId, "storage refused the record write");
        }
    }

    private IntakeFullResult Full(string vendor, string? connectionId, string reason)
    {
        logger.IntakeFull(vendor, connectionId, reason, admission.InFlight, admission.Capacity, RetryAfterSeconds);
        return new IntakeFullResult(RetryAfterSeconds);
    }

    /// <summary>
    /// Moves poison deliveries back to the delivery queue, oldest first, for another round of attempts (an operator does
    /// this once the cause, for example a missing mapping, is fixed). Each is sent before it is deleted from the poison
    /// queue, so a crash in between duplicates, never loses, and dispatch dedupes the duplicate.
    /// </summary>
    /// <param name="max">The most deliveries to move (1–1000).</param>
    /// <param name="cancellationToken">Cancels the move.</param>
    /// <returns>How many were moved.</returns>
    public async Task<int> ReplayPoisonAsync(int max = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 1000);
        var poison = await queues.GetPoisonAsync(cancellationToken);
        var deliveries = await queues.GetDeliveriesAsync(cancellationToken);
        var moved = 0;
        while (moved < max)
        {
            QueueMessage[] batch = (await poison.ReceiveMessagesAsync(Math.Min(32, max - moved), TimeSpan.FromMinutes(1), cancellationToken)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                await deliveries.SendMessageAsync(message.MessageText, cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                moved++;
            }
        }

        if (moved > 0)
        {
            signal.Notify();
        }

        logger.PoisonReplayed(moved, deliveries.Name);
        return moved;
    }

    /// <summary>How many deliveries wait in the delivery queue and in the poison queue (approximate, as storage reports it).</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The two counts.</returns>
    public async Task<(int Pending, int Poison)> CountAsync(CancellationToken cancellationToken = default)
    {
        var pending = await (await queues.GetDeliveriesAsync(cancellationToken)).GetPropertiesAsync(cancellationToken);
        var poison = await (await queues.GetPoisonAsync(cancellationToken)).GetPropertiesAsync(cancellationToken);
        return (pending.Value.ApproximateMessagesCount, poison.Value.ApproximateMessagesCount);
    }
}
