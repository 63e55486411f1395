using System.Net.Sockets;

namespace MlConnector.Core.Storage;

/// <summary>Finds TCP ports on 127.0.0.1 that nothing listens on, for the local emulator and the sandbox.</summary>
public static class LoopbackPort
{
    /// <summary>A port the operating system just handed out and released; free unless someone grabs it first.</summary>
    /// <returns>The port number.</returns>
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
