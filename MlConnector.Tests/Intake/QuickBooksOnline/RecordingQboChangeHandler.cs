using System.Collections.Concurrent;
using MlConnector.Core.Connections;
using MlConnector.Core.Connectors.QuickBooksOnline;
using MlConnector.Core.Intake.QuickBooksOnline;

namespace MlConnector.Tests.Intake.QuickBooksOnline;

/// <summary>A qbo-ups change handler for tests: records every dispatch and answers Started (or throws while failing).</summary>
public sealed class RecordingQboChangeHandler : IQboChangeHandler
{
    private readonly ConcurrentQueue<(string ConnectionId, QboEntityChange Change)> _calls = new();

    public string IntegrationKind => IntegrationKinds.QboUps;

    public IReadOnlyList<string> EntityNames { get; } = ["PurchaseOrder"];

    /// <summary>While true, every dispatch throws.</summary>
    public bool Failing { get; set; }

    public IReadOnlyList<(string ConnectionId, QboEntityChange Change)> Calls => [.. _calls];

    public Task<QboChangeDispatch> DispatchAsync(Connection connection, QboEntityChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(change);
        if (Failing)
        {
            throw new InvalidOperationException("The test handler is failing.");
        }

        _calls.Enqueue((connection.Id, change));
        return Task.FromResult(new QboChangeDispatch(QboChangeDispatchOutcome.Started, $"qbo-ups:{connection.Id}:{change.EntityName}:{change.EntityId}"));
    }
}
