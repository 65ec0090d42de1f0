using System.ComponentModel.DataAnnotations;

namespace MedChain.FabricGateway.Configuration;

/// <summary>
/// How the service reaches Fabric: section "Fabric". With <c>Ledger:Mode=Embedded</c> only <see cref="MspId"/>,
/// <see cref="Channel"/> and <see cref="Chaincode"/> apply.
/// </summary>
public sealed class FabricOptions
{
    public const string SectionName = "Fabric";

    /// <summary>The peer's Gateway endpoint, e.g. <c>https://peer0.org1.example.com:7051</c>. Required when <c>Ledger:Mode</c> is Fabric.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>PEM file of the peer's TLS root CA; null uses the system's roots (https endpoints only).</summary>
    public string? TlsRootCertificatePath { get; set; }

    /// <summary>Host name expected in the peer's TLS certificate instead of the endpoint's; null: the endpoint's host.</summary>
    public string? ServerNameOverride { get; set; }

    /// <summary>
    /// MSP id of the service's organization, e.g. <c>Org1MSP</c>. Required. There is no service identity: every
    /// transaction is signed by the calling person's own enrolment (section "Enrollment").
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string MspId { get; set; } = string.Empty;

    /// <summary>The channel. Default <c>medchain</c>.</summary>
    [Required]
    public string Channel { get; set; } = "medchain";

    /// <summary>The chaincode name. Default <c>medchain</c>.</summary>
    [Required]
    public string Chaincode { get; set; } = "medchain";

    /// <summary>Deadline of an evaluate call. Default 5 seconds.</summary>
    public TimeSpan EvaluateTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of an endorsement. Default 15 seconds.</summary>
    public TimeSpan EndorseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deadline of a submission to ordering. Default 5 seconds.</summary>
    public TimeSpan SubmitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for a transaction's commit. Default 1 minute.</summary>
    public TimeSpan CommitStatusTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
