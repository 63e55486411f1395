using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;

namespace MlConnector.Core.Intake.QuickBooksOnline;

/// <summary>
/// What an integration that listens to QuickBooks Online does with one entity change of one of its connections. The QBO
/// webhook endpoint and the CDC reconciliation route each change by realm to the connections serving that realm and call
/// the handler registered for the connection's kind. A handler only starts work (a workflow with a deterministic id); it
/// never syncs inline, so the webhook is acknowledged well inside Intuit's 3-second window.
/// </summary>
public interface IQboChangeHandler
{
    /// <summary>The integration kind served, for example <c>qbo-ups</c>.</summary>
    string IntegrationKind { get; }

    /// <summary>The QBO entity names this integration acts on, for example <c>PurchaseOrder</c>; others are ignored and CDC asks only for these.</summary>
    IReadOnlyList<string> EntityNames { get; }

    /// <summary>Starts the work for one change, or says why there is none.</summary>
    /// <param name="connection">The connection serving the change's realm.</param>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether work was started, was already under way or done (duplicate), or was not needed.</returns>
    Task<QboChangeDispatch> DispatchAsync(Connection connection, QboEntityChange change, CancellationToken cancellationToken = default);
}
