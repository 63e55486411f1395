using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace MlConnector.Tests.TestSupport;

/// <summary>
/// Counts the table reads a client sends: queries (<c>GET /Table()?$filter=…</c>, which Azurite answers by scanning the
/// whole table) and point reads (<c>GET /Table(PartitionKey='…',RowKey='…')</c>). Table service REST API: "Query
/// Entities" (https://learn.microsoft.com/rest/api/storageservices/query-entities).
/// </summary>
public sealed class TableQueryCounter : HttpPipelineSynchronousPolicy
{
    private int _queries;
    private int _pointReads;

    /// <summary>Queries sent since the last <see cref="Reset"/>.</summary>
    public int Queries => Volatile.Read(ref _queries);

    /// <summary>Point reads sent since the last <see cref="Reset"/>.</summary>
    public int PointReads => Volatile.Read(ref _pointReads);

    /// <summary>A table service client on the connection string whose reads this counter counts.</summary>
    /// <param name="connectionString">The storage connection string.</param>
    /// <returns>The client.</returns>
    public TableServiceClient NewClient(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new TableServiceClient(connectionString, options);
    }

    /// <summary>Starts counting again from zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _queries, 0);
        Interlocked.Exchange(ref _pointReads, 0);
    }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Method != RequestMethod.Get)
        {
            return;
        }

        var path = Uri.UnescapeDataString(message.Request.Uri.Path);
        if (path.EndsWith("()", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _queries);
        }
        else if (path.EndsWith(')'))
        {
            Interlocked.Increment(ref _pointReads);
        }
    }
}
