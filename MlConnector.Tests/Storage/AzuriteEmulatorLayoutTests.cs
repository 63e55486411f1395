using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MlConnector.Core.Storage;

namespace MlConnector.Tests.Storage;

/// <summary>
/// <see cref="AzuriteLayout.ProcessPerService"/>: the three services from Azurite's own per-service entry points (the
/// queue's with the LokiJS batch-remove fix preloaded), used through the real Azure SDK clients on the one connection
/// string, and all stopped on dispose.
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

            // The queue process runs with the LokiJS batch-remove fix: expired messages still go, the others stay in order,
            // and a delete still removes exactly its message.
            var queue = new QueueClient(emulator.ConnectionString, "layout");
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("expires", timeToLive: TimeSpan.FromSeconds(1));
            await queue.SendMessageAsync("first");
            await queue.SendMessageAsync("second");
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            var received = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;
            Assert.Equal(["first", "second"], received.Select(m => m.MessageText));
            await queue.DeleteMessageAsync(received[0].MessageId, received[0].PopReceipt);
            await queue.UpdateMessageAsync(received[1].MessageId, received[1].PopReceipt, visibilityTimeout: TimeSpan.Zero);
            Assert.Equal(["second"], (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value.Select(m => m.MessageText));

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
