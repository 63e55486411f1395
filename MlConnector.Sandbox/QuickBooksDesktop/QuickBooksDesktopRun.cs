namespace MlConnector.Sandbox.QuickBooksDesktop;

/// <summary>What one simulated Web Connector update did.</summary>
/// <param name="Authenticated">False when the endpoint answered <c>nvu</c>.</param>
/// <param name="HadWork">False when the endpoint answered <c>none</c>.</param>
/// <param name="RequestsProcessed">qbXML request documents QuickBooks processed.</param>
/// <param name="LastError">What getLastError or connectionError returned, if called.</param>
/// <param name="CloseMessage">What closeConnection returned.</param>
/// <param name="ResponsesReported">
/// qbXML answers the Web Connector reported back through <c>receiveResponseXML</c> and the endpoint acknowledged (with a
/// percent done, or a negative value asking for <c>getLastError</c>): the session's progress, even when a fault ended it
/// before <c>closeConnection</c>.
/// </param>
public sealed record QuickBooksDesktopRun(bool Authenticated, bool HadWork, int RequestsProcessed, string? LastError, string? CloseMessage, int ResponsesReported = 0);
