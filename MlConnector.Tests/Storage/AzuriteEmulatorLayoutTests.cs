using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MlConnector.Core.Storage;

namespace MlConnector.Tests.Storage;

/// <summary>
/// <see cref="AzuriteLayout.ProcessPerService"/>: the three services from Azurite's own per-service entry points, used
/// through the real Azure SDK clients on the one connection string, and all stopped on dispose.
/// </summary>
public sealed class AzuriteEmulatorLayoutTests
{
    [Fact]
    public async Task ProcessPerService_EveryServiceAnswersThroughTheSdk_AndDisposeStopsThemAll()
    {
        var emulator = await AzuriteEmulator.StartAsync(null, AzuriteLayout.ProcessPerService);
        int[] ports = [emulator.BlobPort, emulator.QueuePort, emulator.TablePort];
        try
        {
            Assert.True(emulator.IsRunning);

            var table = new TableServiceClient(emulator.ConnectionString).GetTableClient("layout");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 7 });
            Assert.Equal(7, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Value"));

            var queue = new QueueClient(emulator.ConnectionString, "layout");
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("hello");
            Assert.Equal("hello", (await queue.ReceiveMessageAsync()).Value.MessageText);

            var blob = new BlobServiceClient(emulator.ConnectionString).GetBlobContainerClient("layout");
            await blob.CreateIfNotExistsAsync();
            await blob.GetBlobClient("b").UploadAsync(BinaryData.FromString("body"));
            Assert.Equal("body", (await blob.GetBlobClient("b").DownloadContentAsync()).Value.Content.ToString());
        }
        finally
        {
            await emulator.DisposeAsync();
        }

        foreach (var port in ports)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
        }
    }
}
