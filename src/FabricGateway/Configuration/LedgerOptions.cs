namespace MedChain.FabricGateway.Configuration;

/// <summary>Which ledger the service runs the MedChain chaincode on.</summary>
public enum LedgerMode
{
    /// <summary>A Fabric network, through a peer's Gateway service (section "Fabric"). The production ledger.</summary>
    Fabric,

    /// <summary>The embedded ledger in this process: for development and single-machine trials, no Fabric needed.</summary>
    Embedded,
}

/// <summary>Section "Ledger": the ledger mode, and what the embedded ledger needs.</summary>
public sealed class LedgerOptions
{
    public const string SectionName = "Ledger";

    /// <summary><see cref="LedgerMode.Fabric"/> (default) or <see cref="LedgerMode.Embedded"/>.</summary>
    public LedgerMode Mode { get; set; } = LedgerMode.Fabric;

    /// <summary>Embedded: the directory of its block log (kept across restarts; it holds private data in clear). Required then.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Embedded: each organization's MSP id and the PEM file of the CA its members' certificates must chain to, as
    /// the channel's MSP definitions say (e.g. <c>Ledger:Organizations:Org1MSP=/path/ca.pem</c>). Must include
    /// <c>Fabric:MspId</c>. Channel and chaincode names come from <c>Fabric:Channel</c> and <c>Fabric:Chaincode</c>.
    /// </summary>
    public Dictionary<string, string> Organizations { get; set; } = new(StringComparer.Ordinal);
}
