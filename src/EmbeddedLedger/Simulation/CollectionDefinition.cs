namespace MedChain.EmbeddedLedger;

/// <summary>
/// A private data collection as a chaincode definition's collection configuration declares it
/// (Fabric's StaticCollectionConfig): the organizations whose peers hold the data, and whether only
/// their clients may read or write it through the chaincode. Everyone else's peers hold its hashes.
/// </summary>
public sealed class CollectionDefinition
{
    /// <summary>The prefix of an organization's implicit collection, <c>_implicit_org_&lt;MSPID&gt;</c>.</summary>
    public const string ImplicitPrefix = "_implicit_org_";

    private readonly HashSet<string>? _members;

    /// <summary>A collection held by the peers of <paramref name="memberMspIds"/>; null: every organization (a test convenience; real configurations name them).</summary>
    public CollectionDefinition(string name, IEnumerable<string>? memberMspIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        if (memberMspIds is not null)
        {
            _members = new HashSet<string>(memberMspIds, StringComparer.Ordinal);
            if (_members.Count == 0 || _members.Any(string.IsNullOrEmpty))
            {
                throw new ArgumentException("A collection needs at least one member MSP id, none empty.", nameof(memberMspIds));
            }
        }
    }

    /// <summary>The collection's name.</summary>
    public string Name { get; }

    /// <summary>The member organizations' MSP ids, ordered; empty when every organization is a member.</summary>
    public IReadOnlyList<string> MemberMspIds => _members is null ? [] : _members.Order(StringComparer.Ordinal).ToList();

    /// <summary>Only members' clients may read (GetPrivateData, range queries, metadata). Default: false.</summary>
    public bool MemberOnlyRead { get; init; }

    /// <summary>Only members' clients may write (PutPrivateData, DelPrivateData, purge, metadata). Default: false.</summary>
    public bool MemberOnlyWrite { get; init; }

    /// <summary>Members' peers the endorser must hand the data to before it endorses (dissemination). Default: 0.</summary>
    public int RequiredPeerCount { get; init; }

    /// <summary>At most this many members' peers get the data at endorsement; the rest pull it at commit. Default: 1.</summary>
    public int MaximumPeerCount { get; init; } = 1;

    /// <summary>
    /// An organization's implicit collection, which Fabric defines for every chaincode: its peers
    /// only, anyone may read or write through the chaincode (the chaincode decides).
    /// </summary>
    public static CollectionDefinition ImplicitFor(string mspId)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        return new CollectionDefinition(ImplicitPrefix + mspId, [mspId]);
    }

    /// <summary>True when <paramref name="mspId"/>'s peers hold the collection's data.</summary>
    public bool IsMember(string mspId) => _members is null || _members.Contains(mspId);
}
