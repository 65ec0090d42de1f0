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

    /// <summary>Storage account name for Shared Key signing; null signs in with Microsoft Entra ID (DefaultAzureCredential, https only).</summary>
    public string? AccountName { get; set; }

    /// <summary>Base64 account key for Shared Key signing; required with <see cref="AccountName"/>.</summary>
    public string? AccountKey { get; set; }

    /// <summary>Container of the ciphertexts. Default <c>medchain-records</c>.</summary>
    [Required]
    public string RecordsContainer { get; set; } = "medchain-records";

    /// <summary>Container of the wrapped data keys. Default <c>medchain-keys</c>.</summary>
    [Required]
    public string KeysContainer { get; set; } = "medchain-keys";

    /// <summary>
    /// Run even if the account keeps deleted blobs recoverable (blob soft delete or versioning), so that erasing a
    /// record is not final until the retention ends; a warning is logged. Default <see langword="false"/>: the
    /// service refuses to start on such an account.
    /// </summary>
    public bool AllowRecoverableDeletes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(AccountName) != string.IsNullOrEmpty(AccountKey))
        {
            yield return new ValidationResult("AccountName and AccountKey go together (Shared Key), or both stay empty (Entra ID).", [nameof(AccountName), nameof(AccountKey)]);
        }
        else if (!string.IsNullOrEmpty(AccountKey) && !IsBase64(AccountKey))
        {
            yield return new ValidationResult("AccountKey must be the storage account's base64 key.", [nameof(AccountKey)]);
        }
        else if (string.IsNullOrEmpty(AccountName) && Uri.TryCreate(ServiceUri, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeHttps)
        {
            // The SDK sends Entra ID bearer tokens over https only.
            yield return new ValidationResult("ServiceUri must be https with Microsoft Entra ID (no AccountName/AccountKey).", [nameof(ServiceUri)]);
        }
    }

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
