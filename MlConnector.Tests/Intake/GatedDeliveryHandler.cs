using System.Collections.Concurrent;
using MlConnector.Core.Intake;

namespace MlConnector.Tests.Intake;

/// <summary>
/// A vendor handler that holds the dispatches of the connections it is told to (until <see cref="Release"/>) and counts,
/// per connection, the dispatches in flight, the most at once and the calls per delivery id.
/// </summary>
internal sealed class GatedDeliveryHandler(string vendor, params string[] gatedConnections) : IWebhookDeliveryHandler
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new(StringComparer.Ordinal);

    public string Vendor => vendor;

    /// <summary>Calls per delivery id.</summary>
    public ConcurrentDictionary<string, int> CallsPerDelivery { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls per connection id.</summary>
    public ConcurrentDictionary<string, int> CallsPerConnection { get; } = new(StringComparer.Ordinal);

    public int MaxInFlight(string connectionId) => _maxInFlight.GetValueOrDefault(connectionId);

    public int Calls(string connectionId) => CallsPerConnection.GetValueOrDefault(connectionId);

    /// <summary>Lets the held dispatches (and every later one of the gated connections) finish.</summary>
    public void Release() => _gate.TrySetResult();

    public async Task DispatchAsync(WebhookDelivery delivery, byte[] body, CancellationToken cancellationToken = default)
    {
        var connection = delivery.ConnectionId ?? string.Empty;
        var now = _inFlight.AddOrUpdate(connection, 1, (_, n) => n + 1);
        _maxInFlight.AddOrUpdate(connection, now, (_, seen) => Math.Max(seen, now));
        CallsPerDelivery.AddOrUpdate(delivery.Id, 1, (_, n) => n + 1);
        CallsPerConnection.AddOrUpdate(connection, 1, (_, n) => n + 1);
        try
        {
            if (gatedConnections.Contains(connection, StringComparer.Ordinal))
            {
                await _gate.Task.WaitAsync(cancellationToken);
            }
            else
            {
                await Task.Yield();
            }
        }
        finally
        {
            _inFlight.AddOrUpdate(connection, 0, (_, n) => n - 1);
        }
    }
}
