namespace MlConnector.Core.Errors;

/// <summary>Sends vendor requests and checks vendor responses, throwing the classified exception from <see cref="HttpErrorMapper"/>.</summary>
public static class ConnectorResponseExtensions
{
    /// <summary>
    /// Sends a vendor request; a call that produced no response (network failure, timeout, Polly rejection) becomes the
    /// classified exception from <see cref="HttpErrorMapper.MapTransportFailure"/>. A cancellation the caller asked for is
    /// rethrown as is. The response, whatever its status, is returned for the caller to check and dispose.
    /// </summary>
    /// <param name="httpClient">The connector's typed client.</param>
    /// <param name="request">The request.</param>
    /// <param name="mapper">The error mapper.</param>
    /// <param name="connector">The connector code, for example <c>ups</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vendor's response.</returns>
    /// <exception cref="ConnectorException">The mapped transport failure.</exception>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static async Task<HttpResponseMessage> SendToVendorAsync(
        this HttpClient httpClient,
        HttpRequestMessage request,
        HttpErrorMapper mapper,
        string connector,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(mapper);
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw mapper.MapTransportFailure(connector, ex);
        }
    }

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
