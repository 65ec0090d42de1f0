namespace MedChain.ContractApi.Internal;

/// <summary>A transaction parameter after the context, as resolved once at start-up.</summary>
internal sealed record ParameterDescriptor(string Name, Type Type, bool IsRawString, bool AllowsNull, string? Description)
{
    /// <summary>The transient-map key the value comes from (<see cref="TransientAttribute"/>), or null: an argument.</summary>
    public string? TransientKey { get; init; }

    /// <summary>The type's own <see cref="IContractArgument{TSelf}.Bind"/> (registered in the options), or null to use the serializer.</summary>
    public Func<string, string, object>? Binder { get; init; }

    /// <summary>The schema the metadata reports for this parameter (set once the metadata is built).</summary>
    public ParameterSchema? Schema { get; set; }
}
