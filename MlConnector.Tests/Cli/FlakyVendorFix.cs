namespace MlConnector.Tests.Cli;

/// <summary>Whether the cause of <see cref="FlakyVendorActivity"/>'s failure has been fixed.</summary>
public sealed class FlakyVendorFix
{
    public bool IsFixed { get; set; }
}
