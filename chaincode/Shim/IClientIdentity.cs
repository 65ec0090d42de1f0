using System.Security.Cryptography.X509Certificates;

namespace MedChain.Shim;

/// <summary>The submitter of a transaction, as Fabric's cid package exposes it.</summary>
public interface IClientIdentity
{
    /// <summary>The MSP id of the submitter's organization.</summary>
    string MspId { get; }

    /// <summary>Fabric's id string: <c>x509::{subject DN}::{issuer DN}</c>.</summary>
    string Id { get; }

    /// <summary>The submitter's X.509 certificate.</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>A Fabric CA attribute (certificate extension 1.2.3.4.5.6.7.8.1), or null when absent.</summary>
    string? GetAttributeValue(string name);

    /// <summary>True when the attribute is present with exactly this value.</summary>
    bool AssertAttributeValue(string name, string value);
}
