namespace MlConnector.Tests.Security;

/// <summary>One row of the bad-input corpus: a request to one route and the 4xx it must get.</summary>
/// <param name="Route">The route, as the reliability table names it.</param>
/// <param name="Case">The kind of bad input.</param>
/// <param name="Status">The status code the route must answer.</param>
/// <param name="Request">Builds the request against the rig; null when <paramref name="Raw"/> sends it.</param>
/// <param name="Raw">Sends a request an <see cref="HttpClient"/> cannot (<see cref="RawHttp"/>) and returns the status; null otherwise.</param>
public sealed record BadInputCase(string Route, string Case, int Status, Func<BadInputRig, HttpRequestMessage>? Request, Func<BadInputRig, Task<int>>? Raw = null)
{
    /// <summary>The case's id in the theory data.</summary>
    public string Id => Route + " | " + Case;
}
