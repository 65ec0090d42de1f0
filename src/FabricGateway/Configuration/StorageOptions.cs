using System.ComponentModel.DataAnnotations;

namespace MedChain.FabricGateway.Configuration;

/// <summary>Where encrypted records live: section "Storage".</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>Blob service URL, e.g. <c>https://account.blob.core.windows.net</c> or Azurite's <c>http://127.0.0.1:10000/devstoreaccount1</c>. Required.</summary>
    [Required]
    [Url]
    public string ServiceUri { get; set; } = string.Empty;

    /// <summary>Storage account name for Shared Key signing; null signs in with Microsoft Entra ID (DefaultAzureCredential).</summary>
    public string? AccountName { get; set; }

    /// <summary>Base64 account key for Shared Key signing; required with <see cref="AccountName"/>.</summary>
    public string? AccountKey { get; set; }

    /// <summary>Container of the ciphertexts. Default <c>medchain-records</c>.</summary>
    [Required]
    public string RecordsContainer { get; set; } = "medchain-records";

    /// <summary>Container of the wrapped data keys. Default <c>medchain-keys</c>.</summary>
    [Required]
    public string KeysContainer { get; set; } = "medchain-keys";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(AccountName) != string.IsNullOrEmpty(AccountKey))
        {
            yield return new ValidationResult("AccountName and AccountKey go together (Shared Key), or both stay empty (Entra ID).", [nameof(AccountName), nameof(AccountKey)]);
        }
    }
}
