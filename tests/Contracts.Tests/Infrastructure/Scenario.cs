using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>
/// A network with one of everything: an anchored record (custodian Org1), a consent of the patient
/// for the pharmacy Org2, a delegate (the guardian in Org4), an active prescription by the doctor and
/// the patient's approval of a transfer to Org2 (not completed), the patient's request to erase the
/// record, a key grant to Org4 whose consent was revoked, a prescription without designated pharmacy whose dispensing code the network sends,
/// and a break-glass access by an Org1 doctor to another patient's record (<see cref="EmergencyRecordId"/>).
/// </summary>
internal sealed record Scenario(TestNetwork Net, string ConsentId, string PrescriptionId, string OpenPrescriptionId, string EmergencyEntryId)
{
    public static readonly DateTimeOffset Now = T0.AddHours(1);

    /// <summary>The other patient's record the scenario's break-glass access read.</summary>
    public const string EmergencyRecordId = "rec-emergency";

    public static async Task<Scenario> CreateAsync()
    {
        var net = await TestNetwork.CreateAsync();
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor().Json());
        var consent = await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Pharmacy).Json());
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:AddDelegate", Ids.PatientId, Ids.Hospital2, Ids.Guardian.Attributes["medchain.id"]);
        var rx = await net.SubmitOkAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription(repeats: 1, pharmacy: Ids.Pharmacy).Json());
        var open = await net.SubmitOkAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription(repeats: 1).Json());
        await net.WithDispensingCode().SubmitOkAsync(Ids.Patient, T0, "Prescription:SetDispensingCode", (string)open["prescriptionId"]!);
        await net.SubmitOkAsync(Ids.Patient, T0, "RecordAnchor:RequestErasure", Requests.RecordId);
        await net.SubmitOkAsync(Ids.Patient, T0, "Patient:ApproveTransfer", Ids.PatientId, Ids.Pharmacy);

        // A key grant whose consent was revoked: the custodian may now revoke the grant.
        var lapsing = await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Grant", Requests.Consent(Ids.Hospital2).Json());
        await net.SubmitOkAsync(Ids.HospitalService, T0, "KeyGrant:Grant", Requests.KeyGrant(Ids.Hospital2).Json());
        await net.SubmitOkAsync(Ids.Patient, T0, "Consent:Revoke", Ids.PatientId, (string)lapsing["consentId"]!);

        // Another patient's record, read by break-glass (the scenario patient's access log stays as it was).
        await net.SubmitOkAsync(Ids.HospitalService, T0, "RecordAnchor:Anchor", Requests.Anchor(EmergencyRecordId, Ids.OtherPatientId).Json());
        var emergency = await net.SubmitOkAsync(Ids.Doctor3, T0, "Consent:EmergencyAccess", EmergencyRecordId, "resuscitation", Wire.ReasonDocument("cardiac arrest"), "emergency-reason-0001");
        return new Scenario(net, (string)consent["consentId"]!, (string)rx["prescriptionId"]!, (string)open["prescriptionId"]!, (string)emergency["entryId"]!);
    }
}
