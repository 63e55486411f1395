namespace MlConnector.Cli.Operator;

/// <summary>The command line asks for something that cannot be done as written (exit code 2).</summary>
internal sealed class OperatorUsageException : Exception
{
    public OperatorUsageException()
    {
    }

    public OperatorUsageException(string message)
        : base(message)
    {
    }

    public OperatorUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
