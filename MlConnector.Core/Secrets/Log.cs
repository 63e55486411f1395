namespace MlConnector.Core.Secrets;

/// <summary>Log events of the secret stores (EventId 1100–1199). They name secrets, never their values.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, EventName = "SecretRead", Level = LogLevel.Debug,
        Message = "Read secret {SecretName} from the {Store} secret store (found: {Found})")]
    public static partial void SecretRead(this ILogger logger, string secretName, string store, bool found);

    [LoggerMessage(EventId = 1101, EventName = "SecretWritten", Level = LogLevel.Information,
        Message = "Stored secret {SecretName} in the {Store} secret store")]
    public static partial void SecretWritten(this ILogger logger, string secretName, string store);

    [LoggerMessage(EventId = 1102, EventName = "SecretDeleted", Level = LogLevel.Information,
        Message = "Deleted secret {SecretName} from the {Store} secret store (existed: {Existed})")]
    public static partial void SecretDeleted(this ILogger logger, string secretName, string store, bool existed);

    [LoggerMessage(EventId = 1103, EventName = "SoftDeletedSecretRecovering", Level = LogLevel.Warning,
        Message = "Secret {SecretName} is soft-deleted in Key Vault; recovering it so a new version can be written")]
    public static partial void SoftDeletedSecretRecovering(this ILogger logger, string secretName);

    [LoggerMessage(EventId = 1104, EventName = "SecretStoreCallFailed", Level = LogLevel.Warning,
        Message = "The {Store} secret store failed to {Operation} secret {SecretName}: {ErrorKind} ({StatusCode} {ErrorCode})")]
    public static partial void SecretStoreCallFailed(this ILogger logger, Exception exception, string store, string operation, string secretName, Errors.ErrorKind errorKind, int statusCode, string? errorCode);

    [LoggerMessage(EventId = 1105, EventName = "SecretUndecryptable", Level = LogLevel.Error,
        Message = "Secret {SecretName} cannot be decrypted with the Data Protection key ring in {KeyDirectory}")]
    public static partial void SecretUndecryptable(this ILogger logger, Exception exception, string secretName, string keyDirectory);

    [LoggerMessage(EventId = 1106, EventName = "LocalSecretStoreReady", Level = LogLevel.Information,
        Message = "Local secret store: ciphertext in table {TableName}, Data Protection key ring in {KeyDirectory}")]
    public static partial void LocalSecretStoreReady(this ILogger logger, string tableName, string keyDirectory);
}
