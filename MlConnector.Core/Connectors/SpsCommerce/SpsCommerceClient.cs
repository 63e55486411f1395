using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using MlConnector.Core.Connections;
using MlConnector.Core.Errors;

namespace MlConnector.Core.Connectors.SpsCommerce;

/// <summary>
/// The SPS Commerce Transaction API v5 client (see <see cref="ISpsCommerceClient"/>), a typed <see cref="HttpClient"/>
/// registered by <see cref="SpsCommerceServiceCollectionExtensions.AddSpsCommerceConnector"/>: connector resilience
/// (429 and 5xx retried with exponential backoff and full jitter), then <see cref="SpsCommerceAuthHandler"/>, then the
/// rate governor (budget <c>sps</c> per connection). Requests go through the shared <see cref="ConnectorHttp"/>.
/// </summary>
/// <param name="httpClient">The typed client.</param>
/// <param name="connections">Where the connection's <c>sps.baseUrl</c> lives.</param>
/// <param name="errorMapper">The one error mapper.</param>
/// <param name="options">Host and page size.</param>
/// <param name="logger">The logger.</param>
public sealed class SpsCommerceClient(
    HttpClient httpClient,
    IConnectionStore connections,
    HttpErrorMapper errorMapper,
    IOptions<SpsCommerceOptions> options,
    ILogger<SpsCommerceClient> logger) : ISpsCommerceClient
{
    /// <summary>The connector code: error mapping, rate budget, resilience options (<c>Resilience:sps</c>) and settings.</summary>
    public const string Connector = "sps";

    /// <summary>The header that carries an upload's description (PROTOCOL-NOTES §6).</summary>
    public const string MetaDescriptionHeader = "sps-meta-description";

    private const string DataPath = "transactions/v5/data/";

    private readonly ConnectorHttp _http = new(httpClient, errorMapper, Connector, logger);
    private readonly SpsCommerceOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<SpsTransactionPage> ListOutboxAsync(string connectionId, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var baseUri = await GetBaseUriAsync(connectionId, cancellationToken);
        var query = "?limit=" + _options.PageSize.ToString(CultureInfo.InvariantCulture)
            + (string.IsNullOrEmpty(cursor) ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
        using var request = _http.CreateRequest(HttpMethod.Get, new Uri(baseUri, DataPath + "out/" + query), connectionId, connectionId);
        var list = await _http.SendForJsonAsync(request, connectionId, SpsCommerceJsonContext.Default.TransactionListWire, cancellationToken);
        var files = (list.Results ?? [])
            .Where(r => !string.IsNullOrWhiteSpace(r.Path))
            .Select(r => new SpsTransactionFile(r.Path!.TrimStart('/'), r.Type ?? "file"))
            .ToList();
        var next = list.Paging?.Next?.Cursor;
        return new SpsTransactionPage(files, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <inheritdoc />
    public async Task<byte[]> DownloadAsync(string connectionId, string path, CancellationToken cancellationToken = default)
    {
        var relative = CheckPath(path);
        var baseUri = await GetBaseUriAsync(connectionId, cancellationToken);
        using var request = _http.CreateRequest(HttpMethod.Get, new Uri(baseUri, DataPath + relative), connectionId, connectionId, accept: "*/*");
        return await _http.SendForBytesAsync(request, connectionId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SpsUploadReceipt> UploadAsync(string connectionId, string fileName, byte[] content, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (!fileName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name (letters, digits, '.', '-', '_').", nameof(fileName));
        }

        var baseUri = await GetBaseUriAsync(connectionId, cancellationToken);
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = _http.CreateRequest(HttpMethod.Post, new Uri(baseUri, DataPath + "in/" + fileName), connectionId, connectionId, body);
        if (!string.IsNullOrWhiteSpace(description))
        {
            request.Headers.TryAddWithoutValidation(MetaDescriptionHeader, description);
        }

        using var response = await _http.SendAsync(request, connectionId, cancellationToken);
        return new SpsUploadReceipt("in/" + fileName, content.Length);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string connectionId, string path, CancellationToken cancellationToken = default)
    {
        var relative = CheckPath(path);
        var baseUri = await GetBaseUriAsync(connectionId, cancellationToken);
        try
        {
            using var request = _http.CreateRequest(HttpMethod.Delete, new Uri(baseUri, DataPath + relative), connectionId, connectionId);
            using var response = await _http.SendAsync(request, connectionId, cancellationToken);
        }
        catch (ConnectorException ex) when (ex.Kind == ErrorKind.NotFound)
        {
            logger.SpsDocumentAlreadyRemoved(relative, connectionId);
        }
    }

    /// <inheritdoc />
    public async Task<SpsHistory> GetHistoryAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var baseUri = await GetBaseUriAsync(connectionId, cancellationToken);
        using var request = _http.CreateRequest(HttpMethod.Get, new Uri(baseUri, "transactions/v5/history"), connectionId, connectionId);
        var body = await _http.SendForJsonAsync(request, connectionId, SpsCommerceJsonContext.Default.JsonElement, cancellationToken);
        return new SpsHistory(body.Clone());
    }

    private static string CheckPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var relative = path.TrimStart('/');
        if (!(relative.StartsWith("out/", StringComparison.Ordinal) || relative.StartsWith("in/", StringComparison.Ordinal))
            || relative.Contains("..", StringComparison.Ordinal) || relative.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' is not a document path under out/ or in/.", nameof(path));
        }

        return string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
    }

    private async Task<Uri> GetBaseUriAsync(string connectionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        var connection = await connections.GetAsync(connectionId, cancellationToken)
            ?? throw new KeyNotFoundException($"Connection '{connectionId}' does not exist.");
        return connection.GetBaseUrl(Connector, _options.BaseUrl);
    }
}
