namespace MlConnector.Sandbox;

/// <summary>Marker for the sandbox assembly: stateful vendor simulators live in one folder per vendor.</summary>
public static class SandboxInfo
{
    /// <summary>The loopback address every simulator binds to.</summary>
    public const string LoopbackHost = "127.0.0.1";
}
