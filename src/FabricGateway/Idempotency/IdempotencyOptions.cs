using System.ComponentModel.DataAnnotations;

namespace MedChain.FabricGateway.Idempotency;

/// <summary>Idempotency-Key handling: section "Idempotency".</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>
    /// Blob container (in the storage account of the records) holding one small entry per caller and key, so keys
    /// survive restarts and are shared by every instance. Default <c>medchain-idempotency</c>.
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "medchain-idempotency";

    /// <summary>
    /// How long a request with a key may stay in progress before a retry takes it over (its instance is presumed
    /// gone). Longer than the slowest submit and commit. Default 10 minutes.
    /// </summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest response body kept for replay (JSON only; record content is never kept). Default 64 KiB.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxKeptBodyBytes { get; set; } = 64 * 1024;
}
