using MedChain.Contracts.Common;
using MedChain.Contracts.Consent.Internal;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Prescriptions.Internal;

/// <summary>The prescription an Issue request (checked against its schema when bound) stands for.</summary>
internal static class PrescriptionInput
{
    public static Prescription ToPrescription(Tx tx, IssueRequest request, Caller prescriber) => new()
    {
        PrescriptionId = PrescriptionOperations.IdPrefix + tx.TxId,
        PatientId = request.PatientId,
        Prescriber = prescriber.AsParty(),
        NumberOfRepeatsAllowed = request.NumberOfRepeatsAllowed ?? 0,
        ValidityPeriod = ConsentOperations.ToPeriod(tx, request.ValidityPeriod, "request.validityPeriod"),
        DesignatedPharmacyMspId = request.DesignatedPharmacyMspId,
        Status = MedicationRequestStatus.Active,
        AuthoredOn = tx.Now,
        DispenseCount = 0,
    };

    public static PrescriptionContent ToContent(Tx tx, IssueRequest request) => new()
    {
        Medication = request.Medication,
        Dosage = request.Dosage,
        Quantity = request.Quantity,
        Salt = PrivateContent.Salt(tx),
    };
}
