using MedChain.FabricGateway.Consents;
using MedChain.FabricGateway.Ledger;

namespace MedChain.FabricGateway.Records;

/// <summary>Registers the consent-gated flows: access checks, consents, key grants and their sweep.</summary>
internal static class RecordFlowsRegistration
{
    public static IServiceCollection AddMedChainRecordFlows(this IServiceCollection services)
    {
        services.AddOptions<KeyGrantOptions>().BindConfiguration(KeyGrantOptions.SectionName)
            .Validate(o => Identifiers.Ids.IsValid(Identifiers.IdKind.Person, o.SweeperId), "KeyGrants:SweeperId must be a person id.")
            .ValidateOnStart();
        services.AddSingleton<IConsentLedger, FabricConsentLedger>();
        services.AddSingleton<IKeyGrantLedger, FabricKeyGrantLedger>();
        services.AddSingleton<IPatientLedger, FabricPatientLedger>();
        services.AddSingleton<IErasureLedger, FabricErasureLedger>();
        services.AddSingleton<KeyGrantService>();
        services.AddSingleton<ConsentService>();
        services.AddHostedService<KeyGrantSweep>();
        return services;
    }
}
