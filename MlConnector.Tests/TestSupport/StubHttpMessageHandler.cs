using System.Collections.Concurrent;

namespace MlConnector.Tests.TestSupport;

/// <summary>An innermost handler that answers from a queue of responses and records the requests it saw.</summary>
public sealed class StubHttpMessageHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _responses = new();
    private readonly ConcurrentQueue<HttpRequestMessage> _requests = new();

    public IReadOnlyList<HttpRequestMessage> Requests => [.. _requests];

    public StubHttpMessageHandler Enqueue(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        _responses.Enqueue(request =>
        {
            var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(string.Empty) };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        if (!_responses.TryDequeue(out var next))
        {
            throw new InvalidOperationException($"No scripted response left for {request.Method} {request.RequestUri}.");
        }

        return Task.FromResult(next(request));
    }
}
