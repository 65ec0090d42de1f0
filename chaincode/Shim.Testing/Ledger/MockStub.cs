using MedChain.EmbeddedLedger;

namespace MedChain.Shim.Testing;

/// <summary>
/// The embedded ledger's <see cref="TransactionStub"/> under the name chaincode tests know: one transaction
/// simulation against an <see cref="InMemoryLedger"/>, submitted by a <see cref="TestIdentity"/>.
/// </summary>
public sealed class MockStub(InMemoryLedger ledger, string chaincodeName, IReadOnlyList<byte[]> args, TestIdentity submitter, DateTimeOffset txTimestamp, TransactionOptions? options = null)
    : TransactionStub(ledger, chaincodeName, args, submitter, txTimestamp, options);
