using MlConnector.Core.Audit;

namespace MlConnector.Tests.Auth;

/// <summary>An in-test <see cref="IAuditTrail"/> collaborator that records what is written.</summary>
public sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly Lock _lock = new();
    private readonly List<AuditRecord> _records = [];

    public IReadOnlyList<AuditRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records];
            }
        }
    }

    public Task<AuditRecord> WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            _records.Add(record);
        }

        return Task.FromResult(record);
    }

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            IReadOnlyList<AuditRecord> result = [.. _records.Where(r => r.ConnectionId == query.ConnectionId).Reverse().Take(query.Limit)];
            return Task.FromResult(result);
        }
    }
}
