using Microsoft.AspNetCore.Http;

namespace MlConnector.Core.Webhooks;

/// <summary>Reads a webhook's raw body, byte-exact (signatures are computed over it), up to a cap.</summary>
public static class WebhookBody
{
    /// <summary>Reads the whole body unless it is longer than <paramref name="maxBytes"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The largest body accepted, in bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/> (read no further than that).</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[Math.Min(16 * 1024, maxBytes + 1)];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
