namespace MedChain.Fabric.Acceptance.Tests.Infrastructure;

/// <summary>Locations in the repository the tests drive (scripts, chaincode projects).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The repository root: the directory holding MedChain.sln.</summary>
    public static string Root => _root.Value;

    /// <summary>The network/ scripts directory.</summary>
    public static string NetworkDir => Path.Combine(Root, "network");

    /// <summary>A script under network/.</summary>
    public static string Script(string name) => Path.Combine(NetworkDir, name);

    private static string FindRoot()
    {
        // Tests run from bin/<config>/<tfm>/, several levels below the repository root.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedChain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MedChain.sln above {AppContext.BaseDirectory}.");
    }
}
