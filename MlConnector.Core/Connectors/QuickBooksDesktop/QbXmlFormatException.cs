namespace MlConnector.Core.Connectors.QuickBooksDesktop;

/// <summary>A qbXML document that cannot be read safely (not XML, a DTD or entity, too large, not qbXML).</summary>
public sealed class QbXmlFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QbXmlFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public QbXmlFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The parser's error.</param>
    public QbXmlFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
