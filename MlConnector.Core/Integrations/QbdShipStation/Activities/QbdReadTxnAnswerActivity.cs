using System.Xml.Linq;
using MlConnector.Core.Connectors.QuickBooksDesktop.WebConnector;
using MlConnector.Core.Errors;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Integrations.QbdShipStation.Activities;

/// <summary>
/// Reads QuickBooks' stored answer to an order's query, add or mod (the workflow was signalled that it is there) and
/// reduces it to status, <c>TxnID</c>, current <c>EditSequence</c>, whether the memo already names the shipment, and the
/// amount QuickBooks holds (an invoice's <c>Subtotal</c>, a journal entry's <c>JournalDebitLine</c> amounts).
/// </summary>
/// <param name="outbox">The outbox.</param>
public sealed class QbdReadTxnAnswerActivity(QuickBooksDesktopOutbox outbox) : IWorkflowActivity<QbdTxnRequest, QbdTxnAnswer>
{
    /// <inheritdoc />
    public string Name => nameof(QbdReadTxnAnswerActivity);

    /// <inheritdoc />
    public async Task<QbdTxnAnswer> RunAsync(WorkflowActivityContext context, QbdTxnRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var answer = await outbox.GetAnswerAsync(input.Shipment.ConnectionId, input.RequestId, cancellationToken)
            ?? throw new ConnectorException("qbd", ErrorKind.Transient, $"QuickBooks' answer to request {input.RequestId} is not stored yet.");
        var ret = answer.Rets.FirstOrDefault(r => string.Equals((string?)r.Element("RefNumber"), input.Shipment.OrderNumber, StringComparison.Ordinal)) ?? (answer.Rets.Count > 0 ? answer.Rets[0] : null);
        var memo = (string?)ret?.Element("Memo");
        var tracking = input.Shipment.TrackingNumber;
        return new QbdTxnAnswer(
            answer.StatusCode,
            answer.StatusMessage,
            (string?)ret?.Element("TxnID"),
            (string?)ret?.Element("EditSequence"),
            memo is not null && (string.IsNullOrEmpty(tracking) || memo.Contains(tracking, StringComparison.Ordinal)),
            memo,
            AmountOf(ret));
    }

    private static decimal? AmountOf(XElement? ret)
    {
        if (ret is null)
        {
            return null;
        }

        if ((string?)ret.Element("Subtotal") is { } subtotal)
        {
            return decimal.Parse(subtotal, NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        var debits = ret.Elements("JournalDebitLine").Select(l => (string?)l.Element("Amount")).OfType<string>().ToList();
        return debits.Count == 0 ? null : debits.Sum(a => decimal.Parse(a, NumberStyles.Number, CultureInfo.InvariantCulture));
    }
}
