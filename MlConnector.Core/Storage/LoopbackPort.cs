using System.Net.Sockets;

namespace MlConnector.Core.Storage;

/// <summary>Finds TCP ports on 127.0.0.1 that nothing listens on, for the local emulator and the sandbox.</summary>
public static class LoopbackPort
{
    /// <summary>How many ports <see cref="StartOnFreePortAsync{T}"/> tries before it gives up.</summary>
    public const int DefaultAttempts = 5;

    /// <summary>A port the operating system just handed out and released; free unless someone grabs it first.</summary>
    /// <returns>The port number.</returns>
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts something that binds a port it must know before it starts (a host whose OAuth redirect URIs name it), on a port
    /// from <see cref="FindFree"/>, and on another one when that port was taken between finding it and binding it.
    /// </summary>
    /// <typeparam name="T">What <paramref name="start"/> returns.</typeparam>
    /// <param name="start">Starts on the given port; it must release what it started before it throws.</param>
    /// <param name="attempts">Ports to try, at least 1.</param>
    /// <returns>What <paramref name="start"/> returned.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="attempts"/> is below 1.</exception>
    /// <remarks>Any other failure, and "address already in use" on the last attempt, is thrown as it came.</remarks>
    public static async Task<T> StartOnFreePortAsync<T>(Func<int, Task<T>> start, int attempts = DefaultAttempts)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(FindFree());
            }
            catch (Exception ex) when (attempt < attempts && IsAddressInUse(ex))
            {
                // Someone bound the port after FindFree released it; take another.
            }
        }
    }

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a socket's "address already in use".</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>Whether the port was taken.</returns>
    public static bool IsAddressInUse(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}
