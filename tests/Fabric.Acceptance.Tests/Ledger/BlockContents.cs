using System.Text;
using Google.Protobuf;

namespace MedChain.Fabric.Acceptance.Tests.Ledger;

/// <summary>One place in a block where text can sit, e.g. <c>tx 1f2e… write kv/key</c>.</summary>
/// <param name="BlockNumber">The block.</param>
/// <param name="TxId">The transaction, empty for a config block.</param>
/// <param name="Where">What part: <c>arg[i]</c>, <c>write ns/key</c>, <c>collection ns/name</c>, <c>event</c>, <c>response</c>, <c>block</c>.</param>
/// <param name="Bytes">The bytes found there.</param>
public sealed record BlockPart(ulong BlockNumber, string TxId, string Where, byte[] Bytes);

/// <summary>
/// The blocks an organization's peer holds, read through that peer as the organization's own
/// client would (qscc GetBlockByNumber over the peer's Gateway), taken apart into the places
/// clinical text could leak to every organization: proposal arguments (the transient map is not
/// in the block), public write sets, private data collections (hashes only), chaincode events and
/// responses; plus each block's raw bytes, so nothing unparsed escapes the scan.
/// </summary>
public sealed class BlockContents
{
    private BlockContents(IReadOnlyList<BlockPart> parts, IReadOnlyList<KvRwsetPb.KVWriteHash> privateWriteHashes, IReadOnlyDictionary<string, IReadOnlyList<string>> endorsers)
    {
        Parts = parts;
        PrivateWriteHashes = privateWriteHashes;
        Endorsers = endorsers;
    }

    /// <summary>Per transaction id, the MSP ids of the peers that endorsed it (and so saw its proposal, transient map included).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsers { get; }

    /// <summary>Every part of every block read, the raw block included.</summary>
    public IReadOnlyList<BlockPart> Parts { get; }

    /// <summary>Private writes as blocks carry them: SHA-256 of key and value.</summary>
    public IReadOnlyList<KvRwsetPb.KVWriteHash> PrivateWriteHashes { get; }

    /// <summary>Reads blocks <paramref name="fromBlock"/> to the peer's height through <paramref name="peer"/>'s qscc.</summary>
    public static async Task<BlockContents> ReadAsync(FabricClient.Network peer, ulong fromBlock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var qscc = peer.GetContract("qscc");
        var info = CommonPb.BlockchainInfo.Parser.ParseFrom(
            await qscc.EvaluateTransactionAsync("GetChainInfo", [peer.Name], cancellationToken));
        var parts = new List<BlockPart>();
        var hashes = new List<KvRwsetPb.KVWriteHash>();
        var endorsers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var number = fromBlock; number < info.Height; number++)
        {
            var bytes = await qscc.EvaluateTransactionAsync("GetBlockByNumber", [peer.Name, number.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
            Parse(CommonPb.Block.Parser.ParseFrom(bytes), bytes, parts, hashes, endorsers);
        }

        return new BlockContents(parts, hashes, endorsers);
    }

    /// <summary>The peer's current height (the next block's number).</summary>
    public static async Task<ulong> HeightAsync(FabricClient.Network peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var bytes = await peer.GetContract("qscc").EvaluateTransactionAsync("GetChainInfo", [peer.Name], cancellationToken);
        return CommonPb.BlockchainInfo.Parser.ParseFrom(bytes).Height;
    }

    /// <summary>
    /// Waits until <paramref name="peer"/> has committed as far as <paramref name="other"/> has: a submitter's commit
    /// status comes from its own peer, and another organization's peer may still be a block behind.
    /// </summary>
    public static async Task CatchUpAsync(FabricClient.Network peer, FabricClient.Network other, CancellationToken cancellationToken)
    {
        var target = await HeightAsync(other, cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (await HeightAsync(peer, deadline.Token) < target)
        {
            await Task.Delay(200, deadline.Token);
        }
    }

    /// <summary>Each part in which one of <paramref name="texts"/> occurs (UTF-8, ordinal), as "block/tx where: text".</summary>
    public IReadOnlyList<string> Find(params IEnumerable<string> texts) =>
        texts.Where(t => !string.IsNullOrEmpty(t))
            .SelectMany(t => Parts.Where(p => Contains(p.Bytes, Encoding.UTF8.GetBytes(t)))
                .Select(p => $"{p.BlockNumber}/{p.TxId} {p.Where}: {t}"))
            .ToList();

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static void Parse(CommonPb.Block block, byte[] raw, List<BlockPart> parts, List<KvRwsetPb.KVWriteHash> hashes, Dictionary<string, IReadOnlyList<string>> endorsers)
    {
        var number = block.Header.Number;
        parts.Add(new BlockPart(number, string.Empty, "block", raw));
        foreach (var envelopeBytes in block.Data.Data)
        {
            var payload = CommonPb.Payload.Parser.ParseFrom(CommonPb.Envelope.Parser.ParseFrom(envelopeBytes).Payload);
            var header = CommonPb.ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            if (header.Type != (int)CommonPb.HeaderType.EndorserTransaction)
            {
                continue;
            }

            void Add(string where, ByteString bytes) => parts.Add(new BlockPart(number, header.TxId, where, bytes.ToByteArray()));
            foreach (var action in PeerPb.Transaction.Parser.ParseFrom(payload.Data).Actions)
            {
                var actionPayload = PeerPb.ChaincodeActionPayload.Parser.ParseFrom(action.Payload);
                endorsers[header.TxId] = actionPayload.Action.Endorsements
                    .Select(e => MspPb.SerializedIdentity.Parser.ParseFrom(e.Endorser).Mspid)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var proposal = PeerPb.ChaincodeProposalPayload.Parser.ParseFrom(actionPayload.ChaincodeProposalPayload);
                var input = PeerPb.ChaincodeInvocationSpec.Parser.ParseFrom(proposal.Input).ChaincodeSpec.Input;
                for (var i = 0; i < input.Args.Count; i++)
                {
                    Add($"arg[{i}]", input.Args[i]);
                }

                var response = PeerPb.ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action.ProposalResponsePayload);
                var chaincodeAction = PeerPb.ChaincodeAction.Parser.ParseFrom(response.Extension);
                Add("response", chaincodeAction.Response.ToByteString());
                Add("event", chaincodeAction.Events);
                foreach (var ns in RwsetPb.TxReadWriteSet.Parser.ParseFrom(chaincodeAction.Results).NsRwset)
                {
                    foreach (var write in KvRwsetPb.KVRWSet.Parser.ParseFrom(ns.Rwset).Writes)
                    {
                        Add($"write {ns.Namespace}/{write.Key}", ByteString.CopyFrom([.. Encoding.UTF8.GetBytes(write.Key), .. write.Value.Span]));
                    }

                    foreach (var collection in ns.CollectionHashedRwset)
                    {
                        Add($"collection {ns.Namespace}/{collection.CollectionName}", collection.HashedRwset);
                        hashes.AddRange(KvRwsetPb.HashedRWSet.Parser.ParseFrom(collection.HashedRwset).HashedWrites);
                    }
                }
            }
        }
    }
}
