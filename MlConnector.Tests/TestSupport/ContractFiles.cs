namespace MlConnector.Tests.TestSupport;

/// <summary>
/// Finds the vendors' contract files committed under <c>contracts/</c> at the repository root (copies of the team's
/// shared contracts, with their sources and licences). A missing file fails the test; it is never skipped.
/// </summary>
public static class ContractFiles
{
    /// <summary>The full path of a contract file, for example <c>shipstation/v2/openapi.yaml</c>.</summary>
    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root(), relative);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The contract file contracts/{relative} is missing.", path);
    }

    /// <summary>The folder of one vendor's contracts, for example <c>quickbooks-online</c>.</summary>
    public static string Directory(string vendor)
    {
        var path = Path.Combine(Root(), vendor);
        return System.IO.Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"The contract folder contracts/{vendor} is missing.");
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlConnector.sln")))
            {
                return Path.Combine(dir.FullName, "contracts");
            }
        }

        throw new DirectoryNotFoundException("MlConnector.sln not found above the test directory.");
    }
}
