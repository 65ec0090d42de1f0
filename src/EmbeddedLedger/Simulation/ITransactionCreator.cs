namespace MedChain.EmbeddedLedger;

/// <summary>
/// Who creates a transaction: the msp.SerializedIdentity a peer passes to the chaincode as the creator, and the
/// signature over the proposal. Test identities and the embedded peer's callers both implement it.
/// </summary>
public interface ITransactionCreator
{
    /// <summary>The MSP id of the creator's organization.</summary>
    string MspId { get; }

    /// <summary>The serialized msp.SerializedIdentity (MSP id and PEM certificate).</summary>
    byte[] SerializedIdentity { get; }

    /// <summary>Signs <paramref name="data"/> as Fabric clients do: ECDSA over SHA-256, DER-encoded, low-S.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}
