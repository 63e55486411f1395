using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MlConnector.Core.Errors;
using Polly.Timeout;

namespace MlConnector.Tests.Errors;

public sealed class HttpErrorMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeLogger<HttpErrorMapper> _logger = new();

    public static TheoryData<HttpStatusCode, ErrorKind, Type> StatusTable => new()
    {
        { HttpStatusCode.Unauthorized, ErrorKind.NeedsReconsent, typeof(ConnectorAuthException) },
        { HttpStatusCode.Forbidden, ErrorKind.NeedsReconsent, typeof(ConnectorAuthException) },
        { HttpStatusCode.TooManyRequests, ErrorKind.RateLimited, typeof(ConnectorRateLimitedException) },
        { HttpStatusCode.RequestTimeout, ErrorKind.Transient, typeof(ConnectorException) },
        { HttpStatusCode.InternalServerError, ErrorKind.Transient, typeof(ConnectorException) },
        { HttpStatusCode.BadGateway, ErrorKind.Transient, typeof(ConnectorException) },
        { HttpStatusCode.ServiceUnavailable, ErrorKind.Transient, typeof(ConnectorException) },
        { HttpStatusCode.GatewayTimeout, ErrorKind.Transient, typeof(ConnectorException) },
        { HttpStatusCode.NotFound, ErrorKind.NotFound, typeof(ConnectorException) },
        { HttpStatusCode.Gone, ErrorKind.NotFound, typeof(ConnectorException) },
        { HttpStatusCode.Conflict, ErrorKind.Conflict, typeof(ConnectorException) },
        { HttpStatusCode.PreconditionFailed, ErrorKind.Conflict, typeof(ConnectorException) },
        { HttpStatusCode.BadRequest, ErrorKind.Validation, typeof(ConnectorValidationException) },
        { HttpStatusCode.UnprocessableEntity, ErrorKind.Validation, typeof(ConnectorValidationException) },
        { HttpStatusCode.MethodNotAllowed, ErrorKind.Unknown, typeof(ConnectorException) },
    };

    [Theory]
    [MemberData(nameof(StatusTable))]
    public async Task MapAsync_Status_MapsToKindAndExceptionType(HttpStatusCode status, ErrorKind kind, Type exceptionType)
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(status, "{\"error\":\"x\"}");

        // Act
        var exception = await sut.MapAsync("ups", response);

        // Assert
        Assert.Equal(kind, exception.Kind);
        Assert.IsType(exceptionType, exception);
        Assert.Equal(status, exception.StatusCode);
        Assert.Equal("ups", exception.Connector);
        Assert.Equal("{\"error\":\"x\"}", exception.VendorErrorBody);
        Assert.Equal(kind is ErrorKind.Transient or ErrorKind.RateLimited, exception.IsTransient);
    }

    [Fact]
    public async Task MapAsync_RetryAfterSeconds_SetsRetryAfter()
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        // Act
        var exception = await sut.MapAsync("shipstation-v2", response);

        // Assert
        var limited = Assert.IsType<ConnectorRateLimitedException>(exception);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.RetryAfter);
    }

    [Fact]
    public async Task MapAsync_RetryAfterHttpDate_IsMeasuredFromTimeProvider()
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddSeconds(90).ToString("R", CultureInfo.InvariantCulture));

        // Act
        var exception = await sut.MapAsync("qbo", response);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(90), exception.RetryAfter);
    }

    [Fact]
    public async Task MapAsync_RetryAfterHttpDateInThePast_IsZero()
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddMinutes(-5).ToString("R", CultureInfo.InvariantCulture));

        // Act
        var exception = await sut.MapAsync("qbo", response);

        // Assert
        Assert.Equal(TimeSpan.Zero, exception.RetryAfter);
    }

    [Fact]
    public async Task MapAsync_XRateLimitReset_SetsRetryAfter()
    {
        // Arrange (ShipStation V1 sends seconds until the window resets)
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("X-Rate-Limit-Limit", "40");
        response.Headers.TryAddWithoutValidation("X-Rate-Limit-Remaining", "0");
        response.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", "23");

        // Act
        var exception = await sut.MapAsync("shipstation", response);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(23), exception.RetryAfter);
    }

    [Fact]
    public async Task MapAsync_RateLimitedWithoutHeaders_HasNoRetryAfter()
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.TooManyRequests);

        // Act
        var exception = await sut.MapAsync("ups", response);

        // Assert
        Assert.Equal(ErrorKind.RateLimited, exception.Kind);
        Assert.Null(exception.RetryAfter);
    }

    [Theory]
    [InlineData("intuit_tid", "1-5f3a-qbo")]
    [InlineData("X-Request-ID", "sps-req-42")]
    [InlineData("X-Correlation-Id", "corr-9")]
    public async Task MapAsync_RequestIdHeader_IsKept(string header, string value)
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.InternalServerError);
        response.Headers.TryAddWithoutValidation(header, value);

        // Act
        var exception = await sut.MapAsync("qbo", response);

        // Assert
        Assert.Equal(value, exception.RequestId);
        Assert.Contains(value, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapAsync_LongBody_IsTrimmedTo4KiB()
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.BadGateway, "   " + new string('x', 20_000) + "   ");

        // Act
        var exception = await sut.MapAsync("freshbooks", response);

        // Assert
        Assert.Equal(4096, exception.VendorErrorBody!.Length);
        Assert.StartsWith("xxx", exception.VendorErrorBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapAsync_EmptyBody_HasNoBody()
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.NotFound, "  \n ");

        // Act
        var exception = await sut.MapAsync("ups", response);

        // Assert
        Assert.Null(exception.VendorErrorBody);
    }

    [Fact]
    public async Task MapAsync_RequestCarriesCredentials_NeverCopiesThem()
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.Unauthorized, "{\"error\":\"invalid_token\"}");
        response.RequestMessage!.RequestUri = new Uri("https://ssapi.shipstation.com/orders?apiSecret=s3cr3t-in-query");
        response.RequestMessage.Headers.TryAddWithoutValidation("Authorization", "Basic czNjcjN0LWtleTpzM2NyM3Q=");

        // Act
        var exception = await sut.MapAsync("shipstation", response);

        // Assert
        var everything = exception.ToString() + exception.VendorErrorBody + string.Join('|', _logger.Collector.GetSnapshot().Select(r => r.Message));
        Assert.DoesNotContain("s3cr3t", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("czNjcjN0", everything, StringComparison.Ordinal);
        Assert.Contains("GET /orders", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapAsync_VendorClassifier_RefinesStaleObjectToConflict()
    {
        // Arrange
        var classifier = new QboFaultClassifier();
        var sut = CreateSut(classifier);
        using var response = CreateResponse(HttpStatusCode.BadRequest, QboFault("5010", "Stale Object Error"));

        // Act
        var exception = await sut.MapAsync("QBO", response);

        // Assert
        Assert.Equal(ErrorKind.Conflict, exception.Kind);
        Assert.IsNotType<ConnectorValidationException>(exception);
        Assert.Equal("5010", exception.VendorErrorCode);
        Assert.EndsWith(": Stale Object Error", exception.Message, StringComparison.Ordinal);
        var seen = Assert.Single(classifier.Seen);
        Assert.Equal(ErrorKind.Validation, seen.DefaultKind);
        Assert.Equal("application/json", seen.MediaType);
    }

    [Fact]
    public async Task MapAsync_ClassifierReturnsNull_KeepsStatusMapping()
    {
        // Arrange
        var sut = CreateSut(new QboFaultClassifier());
        using var response = CreateResponse(HttpStatusCode.BadRequest, QboFault("6240", "Duplicate Name Exists Error"));

        // Act
        var exception = await sut.MapAsync("qbo", response);

        // Assert
        Assert.IsType<ConnectorValidationException>(exception);
        Assert.Null(exception.VendorErrorCode);
    }

    [Fact]
    public async Task MapAsync_ClassifierOfAnotherConnector_IsNotAsked()
    {
        // Arrange
        var classifier = new QboFaultClassifier();
        var sut = CreateSut(classifier);
        using var response = CreateResponse(HttpStatusCode.BadRequest, QboFault("5010", "Stale Object Error"));

        // Act
        var exception = await sut.MapAsync("freshbooks", response);

        // Assert
        Assert.Equal(ErrorKind.Validation, exception.Kind);
        Assert.Empty(classifier.Seen);
    }

    [Fact]
    public void Constructor_TwoClassifiersForOneConnector_Throws()
    {
        // Act and Assert
        Assert.Throws<ArgumentException>(() => CreateSut(new QboFaultClassifier(), new QboFaultClassifier()));
    }

    [Fact]
    public async Task MapAsync_Failure_LogsClassificationWithoutBody()
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.ServiceUnavailable, "{\"customer\":\"Ada Lovelace\"}");
        response.Headers.TryAddWithoutValidation("intuit_tid", "tid-1");

        // Act
        await sut.MapAsync("qbo", response);

        // Assert
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(1200, record.Id.Id);
        Assert.Equal("VendorCallFailed", record.Id.Name);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Contains("tid-1", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", record.Message, StringComparison.Ordinal);
    }

    public static TheoryData<Exception> TransportFailures => new()
    {
        new HttpRequestException("Connection refused"),
        new TimeoutException(),
        new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()),
        new TimeoutRejectedException(),
        new IOException("Connection reset"),
        new SocketException((int)SocketError.ConnectionReset),
    };

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public void MapTransportFailure_NoResponse_IsTransient(Exception failure)
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var exception = sut.MapTransportFailure("ups", failure);

        // Assert
        Assert.Equal(ErrorKind.Transient, exception.Kind);
        Assert.Same(failure, exception.InnerException);
        Assert.Null(exception.StatusCode);
    }

    [Fact]
    public void MapTransportFailure_HttpRequestExceptionWithStatus_UsesStatusTable()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var exception = sut.MapTransportFailure("qbo", new HttpRequestException("Unauthorized", null, HttpStatusCode.Unauthorized));

        // Assert
        Assert.IsType<ConnectorAuthException>(exception);
        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
    }

    [Fact]
    public void MapTransportFailure_UnrelatedException_IsUnknown()
    {
        // Arrange
        var sut = CreateSut();

        // Act
        var exception = sut.MapTransportFailure("qbo", new FormatException("bad"));

        // Assert
        Assert.Equal(ErrorKind.Unknown, exception.Kind);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public void MapTransportFailure_ConnectorException_IsReturnedAsIs()
    {
        // Arrange
        var sut = CreateSut();
        var original = new ConnectorValidationException("qbo", "Unmapped SKU", field: "SKU-1");

        // Act
        var exception = sut.MapTransportFailure("qbo", original);

        // Assert
        Assert.Same(original, exception);
    }

    [Fact]
    public async Task EnsureSuccessAsync_Success_ReturnsResponse()
    {
        // Arrange
        var sut = CreateSut();
        using var response = CreateResponse(HttpStatusCode.Created);

        // Act
        var result = await response.EnsureSuccessAsync(sut, "qbo");

        // Assert
        Assert.Same(response, result);
    }

    [Fact]
    public async Task EnsureSuccessAsync_Failure_ThrowsMappedExceptionAndDisposesResponse()
    {
        // Arrange
        var sut = CreateSut();
        var response = CreateResponse(HttpStatusCode.Conflict, "{\"etag\":\"stale\"}");

        // Act
        var exception = await Assert.ThrowsAsync<ConnectorException>(() => response.EnsureSuccessAsync(sut, "sps"));

        // Assert
        Assert.Equal(ErrorKind.Conflict, exception.Kind);
        Assert.Equal("{\"etag\":\"stale\"}", exception.VendorErrorBody);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => response.Content.ReadAsStringAsync());
    }

    private static string QboFault(string code, string message) =>
        $$"""{"Fault":{"Error":[{"Message":"{{message}}","Detail":"{{message}} : detail","code":"{{code}}","element":""}],"type":"ValidationFault"},"time":"2026-03-02T02:00:00.000-08:00"}""";

    private static HttpResponseMessage CreateResponse(HttpStatusCode status, string body = "") => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
        RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://vendor.example/v1/things/7"),
    };

    private HttpErrorMapper CreateSut(params IVendorErrorClassifier[] classifiers) => new(classifiers, _time, _logger);
}
