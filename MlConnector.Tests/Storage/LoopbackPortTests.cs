using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using MlConnector.Core.Storage;

namespace MlConnector.Tests.Storage;

public class LoopbackPortTests
{
    [Fact]
    public async Task StartOnFreePort_PortTakenBeforeTheBind_StartsOnAnotherPort()
    {
        // Arrange: the first port found is bound by "someone else" before the start binds it, as happened on CI.
        var tried = new List<int>();
        TcpListener? squatter = null;

        // Act
        using var listener = await LoopbackPort.StartOnFreePortAsync(port =>
        {
            tried.Add(port);
            if (tried.Count == 1)
            {
                squatter = new TcpListener(IPAddress.Loopback, port);
                squatter.Start();
            }

            var started = new TcpListener(IPAddress.Loopback, port);
            try
            {
                started.Start();
            }
            catch
            {
                started.Dispose();
                throw;
            }

            return Task.FromResult(started);
        });

        squatter?.Dispose();

        // Assert
        Assert.Equal(2, tried.Count);
        Assert.NotEqual(tried[0], tried[1]);
        Assert.Equal(tried[1], ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    [Fact]
    public async Task StartOnFreePort_PortAlwaysTaken_ThrowsTheBindFailureAfterItsAttempts()
    {
        var tried = 0;

        var ex = await Assert.ThrowsAsync<SocketException>(() => LoopbackPort.StartOnFreePortAsync<int>(
            _ =>
            {
                tried++;
                throw new SocketException((int)SocketError.AddressAlreadyInUse);
            },
            attempts: 3));

        Assert.Equal(3, tried);
        Assert.Equal(SocketError.AddressAlreadyInUse, ex.SocketErrorCode);
    }

    [Fact]
    public async Task StartOnFreePort_OtherFailure_IsThrownAtOnce()
    {
        var tried = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => LoopbackPort.StartOnFreePortAsync<int>(_ =>
        {
            tried++;
            throw new InvalidOperationException("storage is down");
        }));

        Assert.Equal(1, tried);
    }

    [Fact]
    public async Task IsAddressInUse_KestrelBindingATakenPort_IsRecognised()
    {
        // Arrange: a real Kestrel asked to bind a port that is already listened on wraps the socket error twice.
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();

        // Act
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        // Assert
        Assert.True(LoopbackPort.IsAddressInUse(ex), ex.ToString());
        Assert.False(LoopbackPort.IsAddressInUse(new IOException("disk full", new InvalidOperationException())));
    }
}
