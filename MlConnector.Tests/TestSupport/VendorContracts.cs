namespace MlConnector.Tests.TestSupport;

/// <summary>Finds the vendors' contract files committed under <c>contracts/</c> at the repository root.</summary>
public static class VendorContracts
{
    /// <summary>The folder of one vendor's contracts, for example <c>quickbooks-online</c> or <c>shipstation</c>.</summary>
    /// <exception cref="DirectoryNotFoundException">When the repository or the folder cannot be found: a failure, never a skip.</exception>
    public static string Directory(string vendor)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlConnector.sln")))
            {
                var contracts = Path.Combine(dir.FullName, "contracts", vendor);
                return System.IO.Directory.Exists(contracts)
                    ? contracts
                    : throw new DirectoryNotFoundException($"The {vendor} contracts are missing: expected {contracts}.");
            }
        }

        throw new DirectoryNotFoundException("MlConnector.sln not found above the test directory.");
    }
}
