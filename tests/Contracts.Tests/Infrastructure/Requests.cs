using Newtonsoft.Json.Linq;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>Valid request bodies, changeable per test.</summary>
internal static class Requests
{
    public const string RecordId = "rec-001";
    public const string RecordType = Wire.RecordType;
    public static readonly string Sha = new('a', 64);
    public static readonly string Sha2 = new('b', 64);

    public static JObject Anchor(string recordId = RecordId, string patientId = Ids.PatientId, string sha = "") => new()
    {
        ["recordId"] = recordId,
        ["patientId"] = patientId,
        ["sha256"] = sha.Length == 0 ? Sha : sha,
        ["size"] = 1024,
        ["blobRef"] = $"records/{recordId}",
        ["keyId"] = "https://vault.example/keys/k1/v1",
    };

    /// <summary>A KeyGrant:Grant / KeyGrant:Revoke request for the scenario's record.</summary>
    public static JObject KeyGrant(string grantee) => new() { ["recordId"] = RecordId, ["granteeMspId"] = grantee };

    public static JObject Consent(string grantee = Ids.Pharmacy, string purpose = "treatment", DateTimeOffset? end = null, string? personId = null)
    {
        var json = new JObject
        {
            ["patientId"] = Ids.PatientId,
            ["grantee"] = personId is null ? new JObject { ["mspId"] = grantee } : new JObject { ["mspId"] = grantee, ["personId"] = personId },
            ["scope"] = new JObject { ["recordTypes"] = new JArray(RecordType) },
            ["purpose"] = purpose,
            ["period"] = new JObject { ["end"] = (end ?? TestNetwork.T0.AddDays(30)).ToString("o") },
        };
        return json;
    }

    public static JObject Prescription(int repeats = 0, string? pharmacy = null, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        var validity = new JObject { ["end"] = (end ?? TestNetwork.T0.AddDays(30)).ToString("o") };
        if (start is not null)
        {
            validity["start"] = start.Value.ToString("o");
        }

        var json = new JObject
        {
            ["patientId"] = Ids.PatientId,
            ["medication"] = new JObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = "197361", ["display"] = "Amlodipine 5 MG Oral Tablet" },
            ["dosage"] = new JObject { ["text"] = "1 tablet daily", ["doseQuantity"] = new JObject { ["value"] = 1, ["unit"] = "tablet" }, ["frequency"] = 1, ["period"] = 1, ["periodUnit"] = "d" },
            ["quantity"] = new JObject { ["value"] = 30, ["unit"] = "tablet" },
            ["numberOfRepeatsAllowed"] = repeats,
            ["validityPeriod"] = validity,
        };
        if (pharmacy is not null)
        {
            json["designatedPharmacyMspId"] = pharmacy;
        }

        return json;
    }

    public static string Json(this JToken token) => token.ToString(Newtonsoft.Json.Formatting.None);
}
