using System.Collections.Concurrent;

namespace MlConnector.Tests.Workflows.TestWorkflows;

/// <summary>Shared state the test activities report to and are steered by (one per test, shared across runner "processes").</summary>
public sealed class WorkflowProbe
{
    private int _invoiceCalls;
    private int _invoiceSideEffects;
    private int _shipAttempts;

    /// <summary>How many times the invoice activity ran.</summary>
    public int InvoiceCalls => Volatile.Read(ref _invoiceCalls);

    /// <summary>How many invoices were really "created" (guarded by the idempotency ledger).</summary>
    public int InvoiceSideEffects => Volatile.Read(ref _invoiceSideEffects);

    /// <summary>How many times the ship activity ran.</summary>
    public int ShipAttempts => Volatile.Read(ref _shipAttempts);

    /// <summary>Exceptions the ship activity throws, one per attempt, before it succeeds.</summary>
    public ConcurrentQueue<Exception> ShipFailures { get; } = new();

    /// <summary>When set, the ship activity waits for it (or for cancellation) before doing anything else.</summary>
    public TaskCompletionSource? ShipGate { get; set; }

    /// <summary>Completes when the ship activity has started.</summary>
    public TaskCompletionSource ShipEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnInvoiceCall() => Interlocked.Increment(ref _invoiceCalls);

    public void OnInvoiceCreated() => Interlocked.Increment(ref _invoiceSideEffects);

    public void OnShipAttempt() => Interlocked.Increment(ref _shipAttempts);
}
