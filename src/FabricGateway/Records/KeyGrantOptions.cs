namespace MedChain.FabricGateway.Records;

/// <summary>How lapsed key grants are swept: section "KeyGrants".</summary>
public sealed class KeyGrantOptions
{
    public const string SectionName = "KeyGrants";

    /// <summary>Time between sweeps for grants whose consent was revoked or expired. Default 5 minutes; zero or less: no periodic sweep.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The <c>medchain.id</c> of the service identity the sweep signs as (role <c>service</c>). Default <c>key-grant-sweeper</c>.</summary>
    public string SweeperId { get; set; } = "key-grant-sweeper";
}
