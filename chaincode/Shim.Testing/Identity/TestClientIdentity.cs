namespace MedChain.Shim.Testing;

/// <summary>
/// Reads the submitter of a test transaction. Kept for tests written before the shim had its
/// own reader: both methods return the shim's <see cref="ClientIdentity"/>, which is what a
/// <see cref="MedChain.Shim.IChaincode"/> sees in production.
/// </summary>
public static class TestClientIdentity
{
    /// <summary>The identity of the stub's creator (<see cref="ClientIdentity.FromStub"/>).</summary>
    /// <exception cref="FormatException">The creator is not a serialized X.509 identity.</exception>
    public static ClientIdentity FromStub(IChaincodeStub stub) => ClientIdentity.FromStub(stub);

    /// <summary>Parses a serialized msp.SerializedIdentity (<see cref="ClientIdentity.FromSerializedIdentity"/>).</summary>
    /// <exception cref="FormatException">Not a serialized identity with a PEM certificate and valid attributes.</exception>
    public static ClientIdentity FromSerializedIdentity(byte[] serializedIdentity) => ClientIdentity.FromSerializedIdentity(serializedIdentity);
}
