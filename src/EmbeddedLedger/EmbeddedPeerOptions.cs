using System.Security.Cryptography.X509Certificates;

namespace MedChain.EmbeddedLedger;

/// <summary>What an <see cref="EmbeddedPeer"/> runs: its channel and chaincode, where it keeps its blocks, and whom it trusts.</summary>
public sealed class EmbeddedPeerOptions
{
    /// <summary>The directory of the block log (created if missing). Required.</summary>
    public string DataDirectory { get; init; } = string.Empty;

    /// <summary>The channel name transactions carry. Default <c>medchain</c>.</summary>
    public string ChannelId { get; init; } = "medchain";

    /// <summary>The chaincode name (its state namespace). Default <c>medchain</c>.</summary>
    public string ChaincodeName { get; init; } = "medchain";

    /// <summary>
    /// Each organization's MSP id and the CA certificates its members' certificates must chain to, as a channel's
    /// MSP definitions say. A creator of any other MSP, or whose certificate does not chain, is refused.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<X509Certificate2>> CertificateAuthorities { get; init; } =
        new Dictionary<string, IReadOnlyList<X509Certificate2>>(StringComparer.Ordinal);

    /// <summary>The clock of transaction timestamps (a client sets them when it creates the proposal). Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
