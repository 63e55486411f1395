namespace MlConnector.Core.Connections;

/// <summary>
/// A connection definition is invalid. <see cref="Problems"/> lists every problem, each naming its field
/// (<c>settings.qbo.realmId</c>, <c>schedules.reconcile</c>, <c>id</c>…); the message joins them.
/// </summary>
public sealed class ConnectionValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectionValidationException()
        : this([new ConnectionProblem("connection", "is invalid")])
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    /// <param name="message">The problem.</param>
    public ConnectionValidationException(string message)
        : this([new ConnectionProblem("connection", message)])
    {
    }

    /// <summary>Creates the exception with one message and its cause.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectionValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ConnectionProblem("connection", message)];
    }

    /// <summary>Creates the exception from a list of problems.</summary>
    /// <param name="problems">Every problem found.</param>
    public ConnectionValidationException(IReadOnlyList<ConnectionProblem> problems)
        : base("Invalid connection: " + string.Join("; ", problems.Select(p => $"{p.Field} {p.Message}")))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, each naming its field.</summary>
    public IReadOnlyList<ConnectionProblem> Problems { get; }

    /// <summary>The first problem's field, for callers that show one.</summary>
    public string Field => Problems[0].Field;
}
