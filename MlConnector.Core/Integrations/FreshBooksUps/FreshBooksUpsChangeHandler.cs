using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.FreshBooks;
using MlConnector.Core.Errors;
using MlConnector.Core.Intake.FreshBooks;

namespace MlConnector.Core.Integrations.FreshBooksUps;

/// <summary>
/// The <c>freshbooks-ups</c> side of FreshBooks webhooks: <c>invoice.create</c> and <c>invoice.update</c> carry only the
/// invoice id, so the invoice is read by GET and handed to the <see cref="FreshBooksUpsDispatcher"/>. An invoice deleted
/// since is skipped.
/// </summary>
/// <param name="client">The FreshBooks client.</param>
/// <param name="dispatcher">Starts the shipment workflow of a flagged invoice.</param>
public sealed class FreshBooksUpsChangeHandler(IFreshBooksClient client, FreshBooksUpsDispatcher dispatcher) : IFreshBooksChangeHandler
{
    /// <inheritdoc />
    public string Kind => IntegrationKinds.FreshBooksUps;

    /// <inheritdoc />
    public IReadOnlyList<string> Events { get; } = ["invoice.create", "invoice.update"];

    /// <inheritdoc />
    public async Task<FreshBooksChangeResult> HandleAsync(Connection connection, FreshBooksWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(webhookEvent);
        FreshBooksInvoice invoice;
        try
        {
            invoice = await client.GetInvoiceAsync(connection.Id, webhookEvent.ObjectId, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            return new FreshBooksChangeResult(Audit.AuditOutcome.Skipped, $"invoice {webhookEvent.ObjectId} no longer exists in FreshBooks; nothing to ship.");
        }

        return await dispatcher.DispatchAsync(connection, invoice, "webhook", cancellationToken);
    }
}
