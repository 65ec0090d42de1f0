using MedChain.Contracts.Internal;
using MedChain.Identifiers;

namespace MedChain.Contracts.Records.Internal;

/// <summary>
/// A record's type is content (issue #11): the anchor on the shared ledger no longer has it. The
/// custodian may send it in transient <c>recordType</c> with Anchor or Supersede; it is kept in the
/// private collection, salted, so consents scoped by record type can still be matched by the endorsers.
/// Without it only consents naming the record id cover the record.
/// </summary>
internal static class RecordTypes
{
    public const string TransientKey = "recordType";

    /// <summary>The type the custodian sent (validated before anything is written), or null.</summary>
    public static RecordTypeContent? Read(Tx tx)
    {
        if (!tx.Stub.TransientMap.TryGetValue(TransientKey, out var bytes))
        {
            return null;
        }

        var type = System.Text.Encoding.UTF8.GetString(bytes);
        return Ids.IsValid(IdKind.RecordType, type)
            ? new RecordTypeContent(type, PrivateContent.Salt(tx))
            : throw Errors.Invalid($"transient {TransientKey}", $"must be {Ids.Describe(IdKind.RecordType)}");
    }

    public static Task PutAsync(Tx tx, string recordId, RecordTypeContent? content) =>
        content is null ? Task.CompletedTask : PrivateContent.PutAsync(tx, Key(tx, recordId), content);

    /// <summary>The record's type when its custodian gave one, else null.</summary>
    public static async Task<string?> FindAsync(Tx tx, string recordId)
    {
        var bytes = await tx.Stub.GetPrivateDataAsync(PrivateContent.Collection, Key(tx, recordId), tx.CancellationToken).ConfigureAwait(false);
        return bytes is { Length: > 0 } ? StateJson.Deserialize<RecordTypeContent>(bytes).RecordType : null;
    }

    private static string Key(Tx tx, string recordId) => tx.Key(Keys.RecordTypeContent, recordId);

    /// <summary>The private value: the type and the client's salt.</summary>
    internal sealed record RecordTypeContent(string RecordType, string? Salt);
}
