namespace MlConnector.Sandbox.Ups;

/// <summary>An error the UPS simulator answers with, in UPS's shape <c>{"response":{"errors":[{"code","message"}]}}</c>.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Code">UPS's error code, for example <c>10004</c>.</param>
/// <param name="Message">UPS's message.</param>
/// <remarks>Source: the error table in contracts/ups/UPSTrackAlert.yaml (<c>info.description</c>, "apply to all APIs") and <c>errorResponseWrapper</c> in OAuthClientCredentials.yaml.</remarks>
public sealed record UpsSimulatorFault(int StatusCode, string Code, string Message)
{
    /// <summary>HTTP 500, code <c>10004</c>: UPS's transient "Something went wrong" error.</summary>
    public static UpsSimulatorFault Transient { get; } = new(500, "10004", "Something went wrong while processing your request, please try again later");

    /// <summary>HTTP 429, code <c>10429</c> "Too Many Requests" (PROTOCOL-NOTES §1; UPS-API/api-documentation#123).</summary>
    public static UpsSimulatorFault TooManyRequests { get; } = new(429, "10429", "Too Many Requests");
}
