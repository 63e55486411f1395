namespace MlConnector.Cli.Operator;

/// <summary>The host answered an operator request with an error (an RFC 9457 problem document when it sent one).</summary>
internal sealed class OperatorApiException : Exception
{
    public OperatorApiException(int status, string detail, IReadOnlyList<OperatorApiProblem> problems)
        : base($"HTTP {status}: {detail}")
    {
        Status = status;
        Detail = detail;
        Problems = problems;
    }

    public OperatorApiException()
        : this(0, string.Empty, [])
    {
    }

    public OperatorApiException(string message)
        : base(message)
    {
        Detail = message;
        Problems = [];
    }

    public OperatorApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Detail = message;
        Problems = [];
    }

    public int Status { get; }

    public string Detail { get; }

    /// <summary>The invalid fields the host named (<c>problems</c> of the problem document).</summary>
    public IReadOnlyList<OperatorApiProblem> Problems { get; }

    /// <summary>True when the host refused the credential (401/403): exit code 3.</summary>
    public bool IsAuthentication => Status is 401 or 403;
}
