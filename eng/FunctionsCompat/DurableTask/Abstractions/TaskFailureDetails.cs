namespace Microsoft.DurableTask;

/// <summary>
/// Details of a failed task (DurableTask.Abstractions 1.25.0; a positional record). <see cref="ErrorType"/> is the
/// namespace-qualified .NET exception type name.
/// </summary>
public record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure, IDictionary<string, object?>? Properties)
{
    /// <summary>True when <see cref="ErrorType"/> names <typeparamref name="T"/> or a type derived from it.</summary>
    public bool IsCausedBy<T>()
        where T : Exception
        => IsCausedBy(typeof(T));

    /// <summary>True when <see cref="ErrorType"/> names <paramref name="targetBaseExceptionType"/> or a derived type; false when it cannot be loaded.</summary>
    /// <exception cref="ArgumentException">When <paramref name="targetBaseExceptionType"/> is not an exception type.</exception>
    public bool IsCausedBy(Type targetBaseExceptionType)
    {
        ArgumentNullException.ThrowIfNull(targetBaseExceptionType);
        if (!typeof(Exception).IsAssignableFrom(targetBaseExceptionType))
        {
            throw new ArgumentException($"{targetBaseExceptionType} is not an exception type.", nameof(targetBaseExceptionType));
        }

        if (string.IsNullOrEmpty(ErrorType))
        {
            return false;
        }

        var type = Type.GetType(ErrorType, throwOnError: false)
            ?? targetBaseExceptionType.Assembly.GetType(ErrorType, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(ErrorType, throwOnError: false)).FirstOrDefault(t => t is not null);
        return type is not null && targetBaseExceptionType.IsAssignableFrom(type);
    }

    /// <summary>Builds details from an exception and its inner exceptions.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception.InnerException is null ? null : FromException(exception.InnerException);
        return new TaskFailureDetails(exception.GetType().ToString(), exception.Message, exception.StackTrace, inner, null);
    }

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
