namespace MedChain.FabricGateway.Authentication;

/// <summary>The claims the service acts on: the same names Fabric CA puts in a person's enrolment attributes.</summary>
public static class MedChainClaims
{
    /// <summary>Who the caller is (a token's subject, a system certificate's common name).</summary>
    public const string Id = "medchain.id";

    /// <summary>What the caller is (doctor, nurse, patient, service…): a token's <c>role</c> claim.</summary>
    public const string Role = "medchain.role";

    /// <summary>The role given to systems authenticated by client certificate.</summary>
    public const string ServiceRole = "service";
}
