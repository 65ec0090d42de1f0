using System.Text.Json.Nodes;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>Valid request bodies, changeable per test.</summary>
internal static class Requests
{
    public const string RecordId = "rec-001";
    public const string RecordType = Wire.RecordType;
    public static readonly string Sha = new('a', 64);
    public static readonly string Sha2 = new('b', 64);

    public static JsonObject Anchor(string recordId = RecordId, string patientId = Ids.PatientId, string sha = "") => new()
    {
        ["recordId"] = recordId,
        ["patientId"] = patientId,
        ["sha256"] = sha.Length == 0 ? Sha : sha,
        ["size"] = 1024,
        ["blobRef"] = $"records/{recordId}",
        ["keyId"] = "https://vault.example/keys/k1/v1",
    };

    /// <summary>A KeyGrant:Grant / KeyGrant:Revoke request for the scenario's record.</summary>
    public static JsonObject KeyGrant(string grantee) => new() { ["recordId"] = RecordId, ["granteeMspId"] = grantee };

    public static JsonObject Consent(string grantee = Ids.Pharmacy, string purpose = "treatment", DateTimeOffset? end = null, string? personId = null)
    {
        var json = new JsonObject
        {
            ["patientId"] = Ids.PatientId,
            ["grantee"] = personId is null ? new JsonObject { ["mspId"] = grantee } : new JsonObject { ["mspId"] = grantee, ["personId"] = personId },
            ["scope"] = new JsonObject { ["recordTypes"] = new JsonArray(RecordType) },
            ["purpose"] = purpose,
            ["period"] = new JsonObject { ["end"] = (end ?? TestNetwork.T0.AddDays(30)).ToString("o") },
        };
        return json;
    }

    public static JsonObject Prescription(int repeats = 0, string? pharmacy = null, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        var validity = new JsonObject { ["end"] = (end ?? TestNetwork.T0.AddDays(30)).ToString("o") };
        if (start is not null)
        {
            validity["start"] = start.Value.ToString("o");
        }

        var json = new JsonObject
        {
            ["patientId"] = Ids.PatientId,
            ["medication"] = new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = "197361", ["display"] = "Amlodipine 5 MG Oral Tablet" },
            ["dosage"] = new JsonObject { ["text"] = "1 tablet daily", ["doseQuantity"] = new JsonObject { ["value"] = 1, ["unit"] = "tablet" }, ["frequency"] = 1, ["period"] = 1, ["periodUnit"] = "d" },
            ["quantity"] = new JsonObject { ["value"] = 30, ["unit"] = "tablet" },
            ["numberOfRepeatsAllowed"] = repeats,
            ["validityPeriod"] = validity,
        };
        if (pharmacy is not null)
        {
            json["designatedPharmacyMspId"] = pharmacy;
        }

        return json;
    }

    public static string Json(this JsonNode token) => token.ToJsonString();
}
