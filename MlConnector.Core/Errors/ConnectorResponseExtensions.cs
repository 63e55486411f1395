namespace MlConnector.Core.Errors;

/// <summary>Checks a vendor response and throws the classified exception from <see cref="HttpErrorMapper"/>.</summary>
public static class ConnectorResponseExtensions
{
    /// <summary>
    /// Returns <paramref name="response"/> when its status is 2xx; otherwise maps it, disposes it and throws.
    /// </summary>
    /// <param name="response">The vendor's response.</param>
    /// <param name="mapper">The error mapper.</param>
    /// <param name="connector">The connector code, for example <c>shipstation</c>.</param>
    /// <param name="cancellationToken">Cancels reading the error body.</param>
    /// <returns>The same response, when successful.</returns>
    /// <exception cref="ConnectorException">The mapped failure (or one of its subclasses).</exception>
    /// <exception cref="ArgumentNullException">When <paramref name="response"/> or <paramref name="mapper"/> is null.</exception>
    public static async Task<HttpResponseMessage> EnsureSuccessAsync(
        this HttpResponseMessage response,
        HttpErrorMapper mapper,
        string connector,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(mapper);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await mapper.MapAsync(connector, response, cancellationToken);
        }
    }
}
