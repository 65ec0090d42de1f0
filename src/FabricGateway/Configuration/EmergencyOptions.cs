namespace MedChain.FabricGateway.Configuration;

/// <summary>Break-glass access: section "Emergency".</summary>
public sealed class EmergencyOptions
{
    public const string SectionName = "Emergency";

    /// <summary>
    /// The regulator's MSP id: each break-glass reason document's data key is wrapped for it (its public key is
    /// <c>{RegulatorMspId}.pem</c> in <c>Encryption:OrganizationKeysPath</c>). Without that key, emergency access is refused (503).
    /// </summary>
    public string RegulatorMspId { get; set; } = "RegulatorMSP";
}
