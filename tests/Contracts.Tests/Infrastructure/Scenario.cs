using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>
/// A network with one of everything: an anchored record (custodian Org1), a consent of the patient
/// for the pharmacy Org2, a delegate (the guardian in Org4), an active prescription by the doctor and
/// the patient's approval of a transfer to Org2 (not completed), the patient's request to erase the
/// record, a key grant to Org4 whose consent was revoked, and a prescription without designated pharmacy whose dispensing code the network sends.
/// </summary>
internal sealed record Scenario(TestNetwork Net, string ConsentId, string PrescriptionId, string OpenPrescriptionId)
{
    public static readonly DateTimeOffset Now = T0.AddHours(1);

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
        return new Scenario(net, (string)consent["consentId"]!, (string)rx["prescriptionId"]!, (string)open["prescriptionId"]!);
    }
}
