using System.ComponentModel.DataAnnotations;

namespace MedChain.FabricGateway.Configuration;

/// <summary>The organization's record encryption keys: section "Encryption".</summary>
public sealed class EncryptionOptions
{
    public const string SectionName = "Encryption";

    /// <summary>
    /// PEM (PKCS#8) file of this organization's EC P-256 encryption key, distinct from its Fabric
    /// signing key: data keys of records it holds or is granted are wrapped to it. Required.
    /// </summary>
    [Required]
    public string PrivateKeyPath { get; set; } = string.Empty;

    /// <summary>
    /// Folder of other organizations' public encryption keys, one <c>{MspId}.pem</c> each, for grants.
    /// Null: this service grants to no one.
    /// </summary>
    public string? OrganizationKeysPath { get; set; }

    /// <summary>Largest record accepted, in bytes. Default 4 GiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRecordBytes { get; set; } = 4L * 1024 * 1024 * 1024;
}
