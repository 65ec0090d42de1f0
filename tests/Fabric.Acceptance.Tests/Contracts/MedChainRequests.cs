using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MedChain.FabricClient;

namespace MedChain.Fabric.Acceptance.Tests.Contracts;

/// <summary>Valid MedChain request bodies for the real network (Org1 hospital, Org2 pharmacy, Org3 regulator).</summary>
internal static class MedChainRequests
{
    public const string RegistryRequest =
        """{"organizations":[{"mspId":"Org1MSP","kind":"hospital"},{"mspId":"Org2MSP","kind":"pharmacy"},{"mspId":"Org3MSP","kind":"regulator"}]}""";

    public const string RecordType = "lab-result";
    public static readonly string Sha = new('a', 64);
    public static readonly string Sha2 = new('b', 64);

    /// <summary>A fresh patient id (the contracts want pat- and 32 to 64 hex digits).</summary>
    public static string NewPatientId() => $"pat-{Guid.NewGuid():N}";

    /// <summary>A fresh record id.</summary>
    public static string NewRecordId() => $"rec-{Guid.NewGuid():N}";

    /// <summary>The dispensing code a patient hands to the pharmacy of their choice.</summary>
    public const string DispensingCode = "K7Q2-M9XW-4RTP-ZB6H";

    public static string Prescription(string patientId, int repeats = 0, string? pharmacy = null)
    {
        var json = new JsonObject
        {
            ["patientId"] = patientId,
            ["medication"] = new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = "197361", ["display"] = "Amlodipine 5 MG Oral Tablet" },
            ["dosage"] = new JsonObject { ["text"] = "1 tablet daily" },
            ["quantity"] = new JsonObject { ["value"] = 30, ["unit"] = "tablet" },
            ["numberOfRepeatsAllowed"] = repeats,
            ["validityPeriod"] = new JsonObject { ["end"] = InDays(30) },
        };
        if (pharmacy is not null)
        {
            json["designatedPharmacyMspId"] = pharmacy;
        }

        return json.ToJsonString();
    }

    public static string Anchor(string recordId, string patientId) => new JsonObject
    {
        ["recordId"] = recordId,
        ["patientId"] = patientId,
        ["sha256"] = Sha,
        ["size"] = 1024,
        ["blobRef"] = $"records/{recordId}",
        ["keyId"] = "https://vault.example/keys/k1/v1",
    }.ToJsonString();

    public static string Supersede(string recordId) => new JsonObject
    {
        ["recordId"] = recordId,
        ["sha256"] = Sha2,
        ["size"] = 5,
        ["blobRef"] = "records/v2",
        ["keyId"] = "k2",
    }.ToJsonString();

    public static string Consent(string patientId, string granteeMspId, string purpose = "treatment", string? recordId = null) => new JsonObject
    {
        ["patientId"] = patientId,
        ["grantee"] = new JsonObject { ["mspId"] = granteeMspId },
        ["scope"] = recordId is null
            ? new JsonObject { ["recordTypes"] = new JsonArray(RecordType) }
            : new JsonObject { ["recordTypes"] = new JsonArray(RecordType), ["recordIds"] = new JsonArray(recordId) },
        ["purpose"] = purpose,
        ["period"] = new JsonObject { ["end"] = InDays(30) },
    }.ToJsonString();

    public static string KeyGrant(string recordId, string granteeMspId) =>
        new JsonObject { ["recordId"] = recordId, ["granteeMspId"] = granteeMspId }.ToJsonString();

    /// <summary>The SHA-256 (lowercase hex) of a break-glass reason document with this text.</summary>
    public static string ReasonDocument(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The proposal for a call written with its content as arguments (as one reads it), sent the way the
    /// chaincode takes it (issue #11): Consent:Grant / Prescription:Issue with the request in transient
    /// <c>request</c>, Consent:CheckAccess with the purpose in transient <c>purpose</c>, RecordAnchor:Anchor
    /// with the record type in transient <c>recordType</c>; a random <c>salt</c> with content, as the service sends it.
    /// </summary>
    public static ProposalOptions Proposal(string function, string[] args, string? dispensingCode = null)
    {
        var (wire, transient) = function switch
        {
            "Consent:Grant" or "Prescription:Issue" when args.Length == 1 => (Array.Empty<string>(), ("request", args[0])),
            "Consent:CheckAccess" when args.Length == 2 => ([args[0]], ("purpose", args[1])),
            "RecordAnchor:Anchor" => (args, ("recordType", RecordType)),
            _ => (args, default((string, string)?)),
        };
        var options = new ProposalOptions().AddArguments(wire);
        if (transient is var (key, value))
        {
            options.TransientData[key] = Encoding.UTF8.GetBytes(value);
            options.TransientData["salt"] = RandomNumberGenerator.GetBytes(32);
        }

        if (dispensingCode is not null)
        {
            options.TransientData["dispensingCode"] = Encoding.UTF8.GetBytes(dispensingCode);
        }

        return options;
    }

    private static string InDays(int days) => DateTimeOffset.UtcNow.AddDays(days).ToString("o", CultureInfo.InvariantCulture);
}
