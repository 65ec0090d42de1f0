using System.Security.Cryptography;
using System.Text;
using MedChain.Contracts.Tests.Infrastructure;
using static MedChain.Contracts.Tests.Infrastructure.TestNetwork;

namespace MedChain.Contracts.Tests;

/// <summary>Without a designated pharmacy, only a pharmacy presenting the patient's dispensing code may dispense.</summary>
public sealed class DispensingTests
{
    private static async Task<(TestNetwork Net, string Id)> OpenPrescriptionAsync()
    {
        var net = await CreateAsync();
        var rx = await net.SubmitOkAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription(repeats: 3).Json());
        return (net, (string)rx["prescriptionId"]!);
    }

    [Fact]
    public async Task Dispense_NoDesignatedPharmacyAndNoCodeSet_Forbidden()
    {
        var (net, id) = await OpenPrescriptionAsync();

        var result = await net.WithDispensingCode().SubmitAsync(Ids.Pharmacist, T0.AddHours(1), "Prescription:Dispense", id);

        Assert.Equal(403, result.Response.Status);
        Assert.Contains("has not set a dispensing code", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispense_WithoutOrWithWrongCode_ForbiddenAndWithThePatientsCode_Dispensed()
    {
        var (net, id) = await OpenPrescriptionAsync();
        await net.WithDispensingCode().SubmitOkAsync(Ids.Patient, T0, "Prescription:SetDispensingCode", id);

        net.Transient = null;
        var without = await net.SubmitAsync(Ids.Pharmacist, T0.AddHours(1), "Prescription:Dispense", id);
        var wrong = await net.WithDispensingCode("AAAA-BBBB-CCCC-DDDD").SubmitAsync(Ids.Pharmacist, T0.AddHours(1), "Prescription:Dispense", id);
        var right = await net.WithDispensingCode().SubmitAsync(Ids.Pharmacist2, T0.AddHours(1), "Prescription:Dispense", id);

        Assert.Equal(403, without.Response.Status);
        Assert.Contains("dispensing code", without.Response.Message, StringComparison.Ordinal);
        Assert.Equal(403, wrong.Response.Status);
        Assert.Contains("does not match", wrong.Response.Message, StringComparison.Ordinal);
        Assert.True(right.IsValid, right.Response.Message);
    }

    [Fact]
    public async Task SetDispensingCode_LedgerKeepsNeitherTheCodeNorItsPlainHash_AndHashesDifferPerPrescription()
    {
        var (net, id) = await OpenPrescriptionAsync();
        var second = (string)(await net.SubmitOkAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription().Json()))["prescriptionId"]!;

        var set = await net.WithDispensingCode().SubmitAsync(Ids.Patient, T0, "Prescription:SetDispensingCode", id);
        await net.SubmitOkAsync(Ids.Patient, T0, "Prescription:SetDispensingCode", second);

        var state = net.Snapshot();
        var plainHash = Convert.ToHexString(Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DispensingCode)))));
        Assert.True(set.IsValid, set.Response.Message);
        Assert.DoesNotContain(Convert.ToHexString(Encoding.UTF8.GetBytes(DispensingCode)), state, StringComparison.Ordinal);
        Assert.DoesNotContain(plainHash, state, StringComparison.Ordinal);
        var codes = state.Split('\n').Where(l => l.StartsWith("|rx-code|", StringComparison.Ordinal)).Select(l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]).ToList();
        Assert.Equal(2, codes.Count);
        Assert.NotEqual(codes[0], codes[1]);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("sixteen chars !!")]
    public async Task SetDispensingCode_WeakOrMalformedCode_Rejected(string code)
    {
        var (net, id) = await OpenPrescriptionAsync();

        var result = await net.WithDispensingCode(code).SubmitAsync(Ids.Patient, T0, "Prescription:SetDispensingCode", id);

        Assert.Equal(400, result.Response.Status);
        Assert.Contains("transient dispensingCode", result.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetDispensingCode_ByOtherThanThePatientOrForDesignatedPrescription_Refused()
    {
        var (net, id) = await OpenPrescriptionAsync();
        var designated = (string)(await net.SubmitOkAsync(Ids.Doctor, T0, "Prescription:Issue", Requests.Prescription(pharmacy: Ids.Pharmacy).Json()))["prescriptionId"]!;

        var byOther = await net.WithDispensingCode().SubmitAsync(Ids.OtherPatient, T0, "Prescription:SetDispensingCode", id);
        var byPharmacist = await net.SubmitAsync(Ids.Pharmacist, T0, "Prescription:SetDispensingCode", id);
        var forDesignated = await net.SubmitAsync(Ids.Patient, T0, "Prescription:SetDispensingCode", designated);

        Assert.Equal(403, byOther.Response.Status);
        Assert.Equal(403, byPharmacist.Response.Status);
        Assert.Equal(409, forDesignated.Response.Status);
    }
}
