using System.Globalization;
using MedChain.Contracts.Common;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Consent.Internal;

/// <summary>
/// The per-doctor daily budget of break-glass accesses (from the registry). One counter key per doctor
/// and UTC day of the transaction time: two emergency accesses of the same doctor endorsed on the same
/// state both write it, so MVCC lets only one commit and the budget cannot be overrun by racing.
/// </summary>
internal static class EmergencyLimits
{
    public const int DefaultPerDoctorPerDay = 5;
    public const int MaxPerDoctorPerDay = 1000;

    /// <summary>Counts one allowed emergency access; false when the doctor's budget for the day is used up.</summary>
    public static async Task<bool> TryCountAsync(Tx tx, Caller caller)
    {
        var registry = await CallerResolver.GetRegistryAsync(tx).ConfigureAwait(false);
        var limit = registry?.EmergencyAccessesPerDoctorPerDay ?? DefaultPerDoctorPerDay;
        var day = tx.Now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var key = tx.Key(Keys.EmergencyCount, caller.MspId, caller.PersonId!, day);
        var used = (await tx.GetAsync<EmergencyCount>(key).ConfigureAwait(false))?.Count ?? 0;
        if (used >= limit)
        {
            return false;
        }

        await tx.PutAsync(key, new EmergencyCount(used + 1)).ConfigureAwait(false);
        return true;
    }

    /// <summary>Value of a counter key.</summary>
    internal sealed record EmergencyCount(int Count);
}
