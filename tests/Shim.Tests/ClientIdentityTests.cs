using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using MedChain.ShimPeerDriver;

namespace MedChain.Shim.Tests;

public sealed class ClientIdentityTests
{
    [Fact]
    public void FromSerializedIdentity_CertWithAttributes_ReadsMspIdIdAndAttributes()
    {
        using var cert = DriverIdentity.Issue("doctor1", """{"attrs":{"hf.EnrollmentID":"doctor1","role":"doctor","hf.Type":"client"}}""");

        var identity = ClientIdentity.FromSerializedIdentity(DriverIdentity.Serialize("HospitalMSP", cert));

        Assert.Equal("HospitalMSP", identity.MspId);
        Assert.Equal("x509::CN=doctor1,OU=client+OU=org1,O=Hyperledger,ST=North Carolina,C=US::" + DriverIdentity.CaGoName, identity.Id);
        Assert.Equal("doctor", identity.GetAttributeValue("role"));
        Assert.Equal("doctor1", identity.GetAttributeValue("hf.EnrollmentID"));
        Assert.Null(identity.GetAttributeValue("missing"));
        Assert.True(identity.AssertAttributeValue("role", "doctor"));
        Assert.False(identity.AssertAttributeValue("role", "nurse"));
        Assert.False(identity.AssertAttributeValue("missing", "x"));
        Assert.True(identity.HasOrganizationalUnit("client"));
        Assert.Equal(cert.Thumbprint, identity.Certificate.Thumbprint);
    }

    [Fact]
    public void FromSerializedIdentity_CertWithoutExtension_HasNoAttributes()
    {
        using var cert = DriverIdentity.Issue("user2");

        var identity = ClientIdentity.FromSerializedIdentity(DriverIdentity.Serialize("Org1MSP", cert));

        Assert.Empty(identity.Attributes);
        Assert.False(identity.AssertAttributeValue("role", "doctor"));
    }

    [Fact]
    public void Subject_SpecialCharactersAndUnknownTypes_FormattedAsGo()
    {
        // Go escapes , + " \ < > ; everywhere, a leading '#' or space, a trailing space; it drops e-mail and other unnamed types.
        using var cert = DriverIdentity.Issue(" Smith, John+Jr ", extraNames: b => b.AddEmailAddress("john@example.com"));

        var identity = ClientIdentity.FromSerializedIdentity(DriverIdentity.Serialize("Org1MSP", cert));

        Assert.Equal(@"CN=\ Smith\, John\+Jr\ ,OU=client+OU=org1,O=Hyperledger,ST=North Carolina,C=US", identity.Subject);
    }

    [Fact]
    public void FromSerializedIdentity_NotPem_ThrowsFormatException()
    {
        var bytes = new MspPb.SerializedIdentity { Mspid = "Org1MSP", IdBytes = Google.Protobuf.ByteString.CopyFromUtf8("not a certificate") }.ToByteArray();

        Assert.Throws<FormatException>(() => ClientIdentity.FromSerializedIdentity(bytes));
    }

    [Fact]
    public void FromSerializedIdentity_Garbage_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => ClientIdentity.FromSerializedIdentity([0xFF, 0xFF, 0xFF]));
    }

    [Fact]
    public void FromSerializedIdentity_AttributeExtensionNotJson_ThrowsFormatException()
    {
        using var cert = DriverIdentity.Issue("user3", "not json");

        Assert.Throws<FormatException>(() => ClientIdentity.FromSerializedIdentity(DriverIdentity.Serialize("Org1MSP", cert)));
    }

    [Fact]
    public void Format_FabricSamplesUser_MatchesGoString()
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName("User1@org1.example.com");
        builder.AddOrganizationalUnitName("client");
        builder.AddLocalityName("San Francisco");
        builder.AddStateOrProvinceName("California");
        builder.AddCountryOrRegion("US");

        Assert.Equal("CN=User1@org1.example.com,OU=client,L=San Francisco,ST=California,C=US", FabricDistinguishedName.Format(builder.Build()));
    }
}
