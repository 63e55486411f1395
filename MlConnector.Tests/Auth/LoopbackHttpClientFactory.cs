namespace MlConnector.Tests.Auth;

/// <summary>Hands out real <see cref="HttpClient"/>s over one shared socket handler, for talking to loopback simulators.</summary>
public sealed class LoopbackHttpClientFactory : IHttpClientFactory, IDisposable
{
    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false };

    public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _handler.Dispose();
}
