using MlConnector.Core.Audit;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Hosting.Scheduling;
using MlConnector.Core.Storage;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// The poll fallback under FreshBooks webhooks, whose delivery is not guaranteed (PROTOCOL-NOTES §4: seconds to minutes):
/// for each <c>freshbooks-ups</c> connection, lists the invoices updated since the last committed watermark
/// (<c>search[updated_min]</c>, a date, so the day of the watermark is listed again) and sends each through the same
/// <see cref="FreshBooksUpsDispatcher"/> as the webhooks. A flagged invoice that started here is one the webhooks missed;
/// one already started is a duplicate and is not counted. The pass is audited (<see cref="FreshBooksUpsNames.PollOperation"/>)
/// with how many it found; the watermark (a State-table row, ETag-checked) moves to the pass's start only after every
/// invoice was dispatched. Schedule: <c>Schedules:FreshBooksUpsPoll</c>, every 10 minutes by default.
/// </summary>
/// <param name="connections">The connection store.</param>
/// <param name="client">The FreshBooks client.</param>
/// <param name="dispatcher">The dispatcher shared with the webhooks.</param>
/// <param name="tables">The State table (watermarks).</param>
/// <param name="audit">The audit trail.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class FreshBooksUpsPollJob(
    IConnectionStore connections,
    IFreshBooksClient client,
    FreshBooksUpsDispatcher dispatcher,
    TableProvider tables,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<FreshBooksUpsPollJob> logger) : IScheduledJob
{
    /// <summary>How far back the first pass of a connection looks.</summary>
    public static readonly TimeSpan InitialLookback = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public string Name => FreshBooksUpsNames.PollJobName;

    /// <inheritdoc />
    public Task RunAsync(DateTimeOffset scheduledTimeUtc, CancellationToken cancellationToken = default) =>
        ConnectionSweep.RunAsync(connections, IntegrationKinds.FreshBooksUps, (c, ct) => PollAsync(c, ct), (ex, c) => logger.FreshBooksUpsPollFailed(ex, c.Id), null, cancellationToken: cancellationToken);

    /// <summary>Polls one connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the pass; the watermark then stays.</param>
    /// <returns>How many flagged invoices the webhooks had missed (started by this pass).</returns>
    public async Task<int> PollAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.GetSetting(FreshBooksClient.Connector, FreshBooksClient.AccountIdSetting) is null)
        {
            return 0; // Not connected yet.
        }

        var started = time.GetUtcNow();
        var stored = await ConnectionWatermark.ReadAsync(tables, connection.Id, FreshBooksUpsNames.PollWatermarkRowKey, cancellationToken);
        var updatedMin = DateOnly.FromDateTime((stored.WatermarkUtc ?? started - InitialLookback).UtcDateTime);
        int listed = 0, flagged = 0, missed = 0;
        var missedNumbers = new List<string>();
        for (var page = 1; ; page++)
        {
            var invoices = await client.ListInvoicesAsync(connection.Id, updatedMin, page, cancellationToken);
            foreach (var invoice in invoices.Items)
            {
                listed++;
                var result = await dispatcher.DispatchAsync(connection, invoice, "poll", cancellationToken);
                if (result.WorkflowInstanceId is not null)
                {
                    flagged++;
                }

                if (result.Outcome == AuditOutcome.Succeeded)
                {
                    missed++;
                    missedNumbers.Add(FreshBooksUpsMapper.SourceOf(invoice).Describe());
                    await audit.WriteAsync(new AuditRecord(connection.Id, FreshBooksUpsNames.PollOperation, AuditOutcome.Succeeded) { BusinessKey = invoice.Id.ToString(CultureInfo.InvariantCulture), WorkflowInstanceId = result.WorkflowInstanceId, Detail = "Found by the poll, missed by the webhooks: " + result.Detail }, cancellationToken);
                }
            }

            if (!invoices.HasMore || invoices.Items.Count == 0)
            {
                break;
            }
        }

        await stored.SaveAsync(tables, started, started, cancellationToken);
        await audit.WriteAsync(
            new AuditRecord(connection.Id, FreshBooksUpsNames.PollOperation, AuditOutcome.Succeeded)
            {
                Detail = string.Create(CultureInfo.InvariantCulture, $"Poll since {updatedMin:yyyy-MM-dd}: {listed} invoices updated, {flagged} flagged, {missed} missed by the webhooks{(missed > 0 ? " (" + string.Join(", ", missedNumbers) + ")" : string.Empty)}."),
            },
            cancellationToken);
        logger.FreshBooksUpsPollPassed(connection.Id, listed, updatedMin, flagged, missed);
        return missed;
    }
}
