using System.Net.Sockets;

namespace MlConnector.Tests.Security;

/// <summary>
/// A request body an <see cref="HttpClient"/> cannot send and still read the answer to: one that keeps coming (chunked,
/// without end) or is bigger than the server accepts. Written on a raw loopback socket while the answer's status line is
/// read on the same connection, so a server that answers early (413) and stops reading is seen answering.
/// </summary>
public static class RawHttp
{
    private const int Cap = 64 * 1024 * 1024;

    /// <summary>Sends the request and returns the status code of the answer.</summary>
    /// <param name="baseAddress">The host's base address.</param>
    /// <param name="path">The path, without the leading slash.</param>
    /// <param name="headers">Extra headers (content type, authorization, signatures).</param>
    /// <param name="contentLength">The declared length; null for a chunked body without end.</param>
    /// <returns>The status code.</returns>
    public static async Task<int> SendAsync(Uri baseAddress, string path, IEnumerable<(string Name, string Value)> headers, long? contentLength = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        var stream = tcp.GetStream();
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"POST /{path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append(contentLength is { } length ? string.Create(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n") : "Transfer-Encoding: chunked\r\n");
        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);

        var answer = ReadStatusAsync(stream, timeout.Token);
        var writing = WriteBodyAsync(stream, contentLength, timeout.Token);
        await Task.WhenAny(answer, writing);
        return await answer;
    }

    private static async Task WriteBodyAsync(NetworkStream stream, long? contentLength, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        var framed = Encoding.ASCII.GetBytes(chunk.Length.ToString("X", CultureInfo.InvariantCulture) + "\r\n").Concat(chunk).Concat("\r\n"u8.ToArray()).ToArray();
        try
        {
            for (long sent = 0; sent < Math.Min(contentLength ?? Cap, Cap); sent += chunk.Length)
            {
                await stream.WriteAsync(contentLength is null ? framed : chunk.AsMemory(0, (int)Math.Min(chunk.Length, contentLength.Value - sent)), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The server answered and stopped reading, or the answer was read and the connection closed.
        }
    }

    private static async Task<int> ReadStatusAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The connection closed before a status line arrived.");
            }

            received.AddRange(buffer.AsSpan(0, read));
            var text = Encoding.ASCII.GetString([.. received]);
            var end = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (end > 0)
            {
                return int.Parse(text.Split(' ')[1], CultureInfo.InvariantCulture);
            }
        }
    }
}
