namespace MlConnector.Core.Workflows;

/// <summary>Size limits on what a workflow stores, chosen to fit one Table Storage property (64 KiB, UTF-16).</summary>
public static class WorkflowLimits
{
    /// <summary>The most characters of JSON for an input, output, activity result or event payload.</summary>
    public const int MaxPayloadChars = 30_000;

    /// <summary>The most characters of JSON for a custom status (Durable allows 16 KB).</summary>
    public const int MaxCustomStatusChars = 16_000;

    /// <summary>The most characters in a failure message kept with an instance.</summary>
    public const int MaxFailureMessageChars = 2_000;
}
