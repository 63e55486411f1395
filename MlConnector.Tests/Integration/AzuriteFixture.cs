using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MlConnector.Core.Storage;

namespace MlConnector.Tests.Integration;

/// <summary>
/// One real Azurite process (Blob, Queue, Table, in memory) for the whole test run, started on free loopback ports.
/// A missing Azurite is a failure, never a skip: install it with <c>npm ci</c> in the repository root.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteEmulator? _emulator;
    private int _prefixCounter;

    public AzuriteEmulator Emulator => _emulator ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Emulator.ConnectionString;

    public TableServiceClient TableService => new(ConnectionString);

    public BlobServiceClient BlobService => new(ConnectionString);

    /// <summary>A fresh table prefix, so each test class sees empty tables.</summary>
    public string NewPrefix() => "t" + Interlocked.Increment(ref _prefixCounter).ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];

    /// <summary>A table provider over fresh, empty tables.</summary>
    public TableProvider NewTables() => new(TableService, new StorageNames(NewPrefix()));

    /// <summary>A loopback port nobody listens on, for "storage is down" tests.</summary>
    public static int DeadPort() => LoopbackPort.FindFree();

    /// <summary>A table service client for Azurite's account on a dead port, without SDK retries.</summary>
    public static TableServiceClient UnreachableTableService()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        return new TableServiceClient(
            new Uri($"http://127.0.0.1:{DeadPort()}/{AzuriteEmulator.AccountName}"),
            new TableSharedKeyCredential(AzuriteEmulator.AccountName, AzuriteEmulator.AccountKey),
            options);
    }

    /// <summary>This emulator's connection string with the table endpoint moved to a dead port.</summary>
    public string UnreachableConnectionString() =>
        ConnectionString.Replace($":{Emulator.TablePort}/", $":{DeadPort()}/", StringComparison.Ordinal);

    public async Task InitializeAsync() => _emulator = await AzuriteEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
