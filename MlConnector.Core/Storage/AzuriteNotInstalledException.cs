namespace MlConnector.Core.Storage;

/// <summary>Azurite (or Node.js, which runs it) is not available on this machine.</summary>
public sealed class AzuriteNotInstalledException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AzuriteNotInstalledException()
    {
    }

    /// <summary>Creates the exception with a message that says how to install Azurite.</summary>
    /// <param name="message">What is missing and how to fix it.</param>
    public AzuriteNotInstalledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is missing and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public AzuriteNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
