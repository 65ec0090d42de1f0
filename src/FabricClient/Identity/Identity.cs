using Google.Protobuf;

namespace MedChain.FabricClient;

/// <summary>
/// Who a client is to Fabric: an MSP id and an X.509 certificate in PEM. Serialized as
/// <c>msp.SerializedIdentity</c>, it is the creator of every proposal and request.
/// </summary>
public sealed class Identity
{
    private readonly byte[] _credentials;

    /// <summary>Creates an identity from an MSP id and the PEM bytes of its certificate.</summary>
    public Identity(string mspId, byte[] credentials)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);
        ArgumentNullException.ThrowIfNull(credentials);
        if (credentials.Length == 0)
        {
            throw new ArgumentException("The identity's certificate is empty.", nameof(credentials));
        }

        MspId = mspId;
        _credentials = (byte[])credentials.Clone();
    }

    /// <summary>The member services provider id, e.g. <c>Org1MSP</c>.</summary>
    public string MspId { get; }

    /// <summary>The certificate in PEM, as Fabric stores it in <c>SerializedIdentity.id_bytes</c>.</summary>
    public ReadOnlyMemory<byte> Credentials => _credentials;

    /// <summary>The <c>msp.SerializedIdentity</c> bytes: the creator field of headers and requests.</summary>
    public byte[] ToSerializedIdentity() =>
        new MspPb.SerializedIdentity { Mspid = MspId, IdBytes = ByteString.CopyFrom(_credentials) }.ToByteArray();
}
