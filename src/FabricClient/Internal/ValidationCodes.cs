using System.Reflection;
using Google.Protobuf.Reflection;

namespace MedChain.FabricClient.Internal;

/// <summary>Validation codes by Fabric's own names (MVCC_READ_CONFLICT), which operators search logs for.</summary>
internal static class ValidationCodes
{
    public static string FabricName(PeerPb.TxValidationCode code)
    {
        var field = typeof(PeerPb.TxValidationCode).GetField(code.ToString(), BindingFlags.Public | BindingFlags.Static);
        return field?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? code.ToString();
    }
}
