namespace MedChain.OffchainStore.Internal;

/// <summary>Record ids are used as blob names and bound into ciphertexts, so they are kept to a safe alphabet.</summary>
internal static class RecordIds
{
    public const int MaxLength = 128;

    public static void Validate(string recordId)
    {
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        if (recordId.Length > MaxLength || recordId[0] == '.' ||
            !recordId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"Record id '{recordId}' is invalid: use 1-{MaxLength} ASCII letters, digits, '-', '_' or '.', not starting with '.'.", nameof(recordId));
        }
    }
}
