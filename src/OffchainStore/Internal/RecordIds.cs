using MedChain.Identifiers;

namespace MedChain.OffchainStore.Internal;

/// <summary>Record ids are used as blob names and bound into ciphertexts: the shared record-id grammar keeps them to a safe alphabet.</summary>
internal static class RecordIds
{
    public const int MaxLength = Ids.RecordIdMaxLength;

    public static void Validate(string recordId) => Ids.Require(IdKind.Record, recordId, nameof(recordId));
}
