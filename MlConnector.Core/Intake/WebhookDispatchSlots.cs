using Microsoft.Extensions.Options;

namespace MlConnector.Core.Intake;

/// <summary>
/// The process's bound on deliveries being dispatched at once (<see cref="WebhookIntakeOptions.MaxConcurrentDispatches"/>),
/// shared by every <see cref="WebhookDeliveryDispatcher"/> of the process (the Functions app builds one per invocation),
/// with a second bound per connection (<see cref="WebhookIntakeOptions.MaxConcurrentDispatchesPerConnection"/>).
/// A group message (<see cref="WebhookIntakeGroupCommit"/>) holds up to a few hundred deliveries, so bounding messages alone
/// (the poller's batch, the queue trigger's <c>batchSize</c>) would let a few groups start thousands of dispatches at once,
/// each with its storage reads, ledger writes and workflow starts.
/// </summary>
/// <remarks>
/// <para>
/// Waiting deliveries are served first come, first served, except that a delivery whose connection already has its
/// per-connection share running is passed over (it keeps its place) for the first waiting delivery of another connection:
/// a connection whose dispatches are slow (a vendor pausing it for a 429's <c>Retry-After</c>, a slow API) holds at most its
/// share of the slots and the others keep being dispatched. So a slot is never left idle while a delivery that may take it waits.
/// </para>
/// <para>
/// The connection is the delivery's <see cref="WebhookDelivery.ConnectionId"/>; a vendor that routes by a key in the body
/// (QBO's realm id: the connection is null at receipt) counts as one connection per vendor.
/// </para>
/// </remarks>
public sealed class WebhookDispatchSlots
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _runningPerConnection = new(StringComparer.Ordinal);
    private readonly LinkedList<Waiter> _waiting = new();
    private readonly WebhookIntakeSignal _released = new();
    private readonly int _perConnection;
    private int _running;

    /// <summary>Creates the slots from the intake settings.</summary>
    /// <param name="options">The intake settings (<see cref="WebhookIntakeOptions.MaxConcurrentDispatches"/>, <see cref="WebhookIntakeOptions.MaxConcurrentDispatchesPerConnection"/>).</param>
    public WebhookDispatchSlots(IOptions<WebhookIntakeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = options.Value.MaxConcurrentDispatches;
        _perConnection = Math.Min(options.Value.MaxConcurrentDispatchesPerConnection, Capacity);
    }

    /// <summary>The most deliveries dispatched at once.</summary>
    public int Capacity { get; }

    /// <summary>Deliveries holding a slot now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Deliveries waiting for a slot now (each waits because every slot is taken or its connection's share is).</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Completes at the next release of a slot (take it before reading <see cref="Running"/>, then wait on it).</summary>
    public Task NextRelease => _released.Next;

    /// <summary>The connection a delivery counts against: its connection id, or its vendor's key when it came without one.</summary>
    /// <param name="delivery">The delivery.</param>
    /// <returns>The key.</returns>
    public static string ConnectionOf(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.ConnectionId is { Length: > 0 } id ? "connection:" + id : "vendor:" + delivery.Vendor;
    }

    /// <summary>
    /// Runs one delivery's dispatch once a slot is free and its connection is under its share. A slot that is free at the
    /// call is taken before this returns (so a caller that counts <see cref="Running"/> right after sees it); the dispatch
    /// itself then runs off the caller's thread.
    /// </summary>
    /// <param name="connection">The delivery's connection (<see cref="ConnectionOf"/>).</param>
    /// <param name="dispatchAsync">The dispatch.</param>
    /// <param name="cancellationToken">Cancels the wait for a slot.</param>
    /// <returns>A task that completes when the dispatch has.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled while waiting.</exception>
    public async Task RunAsync(string connection, Func<Task> dispatchAsync, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connection);
        ArgumentNullException.ThrowIfNull(dispatchAsync);
        Waiter? waiter = null;
        lock (_gate)
        {
            if (!TryTake(connection))
            {
                waiter = new Waiter(connection);
                waiter.Node = _waiting.AddLast(waiter);
            }
        }

        if (waiter is not null)
        {
            await WaitAsync(waiter, cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        try
        {
            await dispatchAsync();
        }
        finally
        {
            Release(connection);
        }
    }

    private async Task WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        await using var cancel = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (waiter.Node?.List is null)
                {
                    return;
                }

                _waiting.Remove(waiter.Node);
            }

            waiter.Granted.TrySetCanceled(cancellationToken);
        });
        await waiter.Granted.Task;
    }

    private bool TryTake(string connection)
    {
        var running = _runningPerConnection.GetValueOrDefault(connection);
        if (_running >= Capacity || running >= _perConnection)
        {
            return false;
        }

        _running++;
        _runningPerConnection[connection] = running + 1;
        return true;
    }

    private void Release(string connection)
    {
        var granted = new List<Waiter>();
        lock (_gate)
        {
            _running--;
            var running = _runningPerConnection[connection] - 1;
            if (running == 0)
            {
                _runningPerConnection.Remove(connection);
            }
            else
            {
                _runningPerConnection[connection] = running;
            }

            // The first waiting delivery whose connection is under its share takes the slot; a connection at its share keeps
            // its deliveries' places for when one of its own finishes.
            for (var node = _waiting.First; node is not null && _running < Capacity;)
            {
                var next = node.Next;
                if (TryTake(node.Value.Connection))
                {
                    _waiting.Remove(node);
                    granted.Add(node.Value);
                }

                node = next;
            }
        }

        foreach (var waiter in granted)
        {
            waiter.Granted.TrySetResult();
        }

        _released.Notify();
    }

    private sealed class Waiter(string connection)
    {
        public string Connection { get; } = connection;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
