namespace MlConnector.Tests.TestSupport;

/// <summary>
/// Finds the vendors' contract files (<c>shared/contracts</c>, next to the repository: <c>../shared/contracts</c> from
/// the clone) by walking up from the test binaries. A missing folder fails the test; it is never skipped.
/// </summary>
public static class ContractFiles
{
    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "contracts", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"contracts/{relative} was not found in any parent folder's shared/contracts (clone the shared contracts next to the repository).");
    }
}
