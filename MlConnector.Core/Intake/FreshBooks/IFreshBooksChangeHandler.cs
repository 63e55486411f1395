using MlConnector.Core.Connections;

namespace MlConnector.Core.Intake.FreshBooks;

/// <summary>
/// What an integration kind does with a verified FreshBooks event of one of its connections, run off the request path by
/// <see cref="FreshBooksWebhookApi.DispatchAsync"/>. At least once: the same event may arrive again (FreshBooks redelivers,
/// the intake retries a failed dispatch), so a handler suppresses duplicates by what it starts (deterministic workflow
/// instance ids, the idempotency ledger). Registered with <see cref="FreshBooksIntakeServiceCollectionExtensions.AddFreshBooksChangeHandler{T}"/>.
/// </summary>
public interface IFreshBooksChangeHandler
{
    /// <summary>The integration kind served, for example <c>freshbooks-ups</c>.</summary>
    string Kind { get; }

    /// <summary>The events this kind registers callbacks for and handles, for example <c>invoice.create</c>, <c>invoice.update</c>.</summary>
    IReadOnlyList<string> Events { get; }

    /// <summary>Handles one event.</summary>
    /// <param name="connection">The connection the delivery was addressed to.</param>
    /// <param name="webhookEvent">The verified event.</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>What was done, for the audit row the intake writes.</returns>
    /// <exception cref="Errors.ConnectorException">When a vendor read fails (the intake dispatches the delivery again).</exception>
    Task<FreshBooksChangeResult> HandleAsync(Connection connection, FreshBooksWebhookEvent webhookEvent, CancellationToken cancellationToken = default);
}
