namespace MlConnector.Cli.Serve;

/// <summary>
/// The file through which <c>mlconnector serve</c> hands the operator token to the CLI on the same machine:
/// <c>./.mlconnector/operator-token</c> by default, created readable and writable by its owner only (mode 0600 on Unix;
/// on Windows the user profile's ACLs apply). The CLI reads it when neither <c>MLCONNECTOR_TOKEN</c> nor
/// <c>MLCONNECTOR_FUNCTION_KEY</c> is set.
/// </summary>
internal static class OperatorTokenFile
{
    public static string DefaultPath => Path.Combine(Environment.CurrentDirectory, ".mlconnector", "operator-token");

    public static async Task WriteAsync(string path, string token, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(full, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(token.AsMemory(), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file; an existing one keeps its mode unless it is set again.
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public static async Task<string?> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        File.Exists(path) ? (await File.ReadAllTextAsync(path, cancellationToken)).Trim() : null;
}
