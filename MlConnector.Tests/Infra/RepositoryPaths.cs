namespace MlConnector.Tests.Infra;

/// <summary>Locates files of this repository from the test's output directory.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory that holds MlConnector.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlConnector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MlConnector.sln not found above " + AppContext.BaseDirectory);
    }
}
