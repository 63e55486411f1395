using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.Ups;
using MlConnector.Core.Workflows;

namespace MlConnector.Core.Shipping.Ups;

/// <summary>
/// Routes a package status (Track Alert push, tracking poll, Quantum View) to the <see cref="IUpsTrackingHandler"/> of the
/// integration kind that owns the package: the kind recorded on its row in the <see cref="UpsShipmentStore"/>, else (a
/// package the store does not know) the connection's kind, whose handler records it as not one of its shipments.
/// </summary>
public sealed class UpsTrackingRouter
{
    private readonly UpsShipmentStore _shipments;
    private readonly IConnectionStore _connections;
    private readonly Dictionary<string, IUpsTrackingHandler> _handlers;

    /// <summary>Creates the router over the registered handlers.</summary>
    /// <param name="shipments">The shipment store (the owning kind of each package).</param>
    /// <param name="connections">The connection store (the kind of a connection).</param>
    /// <param name="handlers">One handler per integration kind.</param>
    /// <exception cref="InvalidOperationException">When two handlers claim one integration kind.</exception>
    public UpsTrackingRouter(UpsShipmentStore shipments, IConnectionStore connections, IEnumerable<IUpsTrackingHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _shipments = shipments;
        _connections = connections;
        _handlers = new(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.IntegrationKind, handler) && !ReferenceEquals(_handlers[handler.IntegrationKind], handler))
            {
                throw new InvalidOperationException($"Two UPS tracking handlers claim the integration kind '{handler.IntegrationKind}'.");
            }
        }
    }

    /// <summary>The integration kinds that ship with UPS (those with a registered handler).</summary>
    public IReadOnlyCollection<string> IntegrationKinds => _handlers.Keys;

    /// <summary>Whether an integration kind ships with UPS.</summary>
    /// <param name="integrationKind">The kind.</param>
    /// <returns>True when a handler is registered for it.</returns>
    public bool Handles(string integrationKind) => _handlers.ContainsKey(integrationKind);

    /// <summary>
    /// The handler of an integration kind, read from nothing: what a webhook route uses to name, in its answer, the workflow
    /// instance a push will start, without a storage read on the request path. A connection's packages are its own
    /// integration's, so this is the handler <see cref="FindAsync"/> finds for them.
    /// </summary>
    /// <param name="integrationKind">The connection's kind.</param>
    /// <returns>The handler, or null when the kind does not ship with UPS.</returns>
    public IUpsTrackingHandler? ForKind(string? integrationKind) =>
        integrationKind is not null && _handlers.TryGetValue(integrationKind, out var handler) ? handler : null;

    /// <summary>Finds the handler of a package status.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trackingNumber">The package.</param>
    /// <param name="connectionKind">The connection's kind when the caller has it (else it is read when needed).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The handler, or null when neither the package nor the connection belongs to an integration that ships.</returns>
    public async Task<IUpsTrackingHandler?> FindAsync(string connectionId, string trackingNumber, string? connectionKind = null, CancellationToken cancellationToken = default)
    {
        var row = await _shipments.GetAsync(connectionId, trackingNumber, cancellationToken);
        var kind = row?.IntegrationKind ?? connectionKind ?? (await _connections.GetAsync(connectionId, cancellationToken))?.Kind;
        return ForKind(kind);
    }

    /// <summary>Hands a status to its integration's handler, which starts its write-back once per package and status.</summary>
    /// <param name="update">The connection, status and source.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The start result; null when no integration that ships owns the package.</returns>
    public async Task<WorkflowStartResult?> DispatchAsync(TrackingUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var handler = await FindAsync(update.ConnectionId, update.Status.TrackingNumber, cancellationToken: cancellationToken);
        return handler is null ? null : await handler.StartAsync(update, cancellationToken);
    }

    /// <summary>Hands a status to its integration's handler.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="status">The status.</param>
    /// <param name="source">Where it came from (<see cref="UpsShippingNames.SourceTrackAlert"/>, …).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The start result; null when no integration that ships owns the package.</returns>
    public Task<WorkflowStartResult?> DispatchAsync(string connectionId, UpsTrackingStatus status, string source, CancellationToken cancellationToken = default) =>
        DispatchAsync(new TrackingUpdate(connectionId, status, source), cancellationToken);
}
