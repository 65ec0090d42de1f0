using MedChain.Contracts.Common;
using MedChain.Contracts.Consent.Internal;
using MedChain.Contracts.Internal;

namespace MedChain.Contracts.Prescriptions.Internal;

/// <summary>Parses and validates an Issue request (a reduced FHIR MedicationRequest).</summary>
internal static class PrescriptionInput
{
    public const int MaxRepeats = 99;
    public const decimal MaxQuantity = 100_000m;

    public static Prescription Parse(Tx tx, string request, Caller prescriber)
    {
        var input = JsonInput.Parse(request, "request");
        var patientId = input.RequiredString("patientId", 68, Formats.PatientId(), Formats.PatientIdDescription);
        var medication = ParseMedication(input.RequiredObject("medication"));
        var dosage = ParseDosage(input.RequiredObject("dosage"));
        var quantity = ParseQuantity(input.RequiredObject("quantity"));
        var repeats = (int)(input.OptionalInteger("numberOfRepeatsAllowed", 0, MaxRepeats) ?? 0);
        var validity = ConsentOperations.ReadPeriod(tx, input.RequiredObject("validityPeriod"), "request.validityPeriod");
        var pharmacy = input.OptionalString("designatedPharmacyMspId", 64, Formats.MspId(), Formats.MspIdDescription);
        input.EnsureNoUnknownFields();

        return new Prescription
        {
            PrescriptionId = PrescriptionOperations.IdPrefix + tx.TxId,
            PatientId = patientId,
            Prescriber = prescriber.AsParty(),
            Medication = medication,
            Dosage = dosage,
            Quantity = quantity,
            NumberOfRepeatsAllowed = repeats,
            ValidityPeriod = validity,
            DesignatedPharmacyMspId = pharmacy,
            Status = MedicationRequestStatus.Active,
            AuthoredOn = tx.Now,
            DispenseCount = 0,
        };
    }

    private static Medication ParseMedication(JsonInput input)
    {
        var system = input.RequiredString("system", 256, Formats.Reference(), "a URI");
        if (!Uri.TryCreate(system, UriKind.Absolute, out _))
        {
            throw Errors.Invalid("request.medication.system", $"'{system}' is not an absolute URI");
        }

        var medication = new Medication
        {
            System = system,
            Code = input.RequiredString("code", 64, Formats.FhirCode(), "a code without leading, trailing or double spaces"),
            Display = input.RequiredText("display", 200),
        };
        input.EnsureNoUnknownFields();
        return medication;
    }

    private static Dosage ParseDosage(JsonInput input)
    {
        var doseInput = input.OptionalObject("doseQuantity");
        var dosage = new Dosage
        {
            Text = input.RequiredText("text", 500),
            DoseQuantity = doseInput is null ? null : ParseQuantity(doseInput),
            Frequency = (int?)input.OptionalInteger("frequency", 1, 100),
            Period = input.OptionalPositiveDecimal("period", 1000m),
            PeriodUnit = input.OptionalEnum<UnitsOfTime>("periodUnit"),
        };
        input.EnsureNoUnknownFields();
        return dosage;
    }

    private static Quantity ParseQuantity(JsonInput input)
    {
        var quantity = new Quantity
        {
            Value = input.RequiredPositiveDecimal("value", MaxQuantity),
            Unit = input.RequiredString("unit", 32, Formats.FhirCode(), "a unit without leading, trailing or double spaces"),
        };
        input.EnsureNoUnknownFields();
        return quantity;
    }
}
