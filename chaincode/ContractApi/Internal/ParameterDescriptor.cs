using System.Reflection;

namespace MedChain.ContractApi.Internal;

/// <summary>A transaction parameter after the context, as resolved once at start-up.</summary>
internal sealed record ParameterDescriptor(string Name, Type Type, bool IsRawString, bool AllowsNull, string? Description)
{
    /// <summary>The transient-map key the value comes from (<see cref="TransientAttribute"/>), or null: an argument.</summary>
    public string? TransientKey { get; init; }

    /// <summary>The type's own <see cref="IContractArgument{TSelf}.Bind"/>, or null to use the serializer.</summary>
    public MethodInfo? Binder { get; } = FindBinder(Type);

    /// <summary>The type's own <see cref="IContractRequest{TSelf}.Validated"/>, or null.</summary>
    public MethodInfo? Validator { get; } = FindValidator(Type);

    /// <summary>The schema the metadata reports for this parameter (set once the metadata is built).</summary>
    public ParameterSchema? Schema { get; set; }

    private static MethodInfo? FindValidator(Type type)
    {
        var request = type.GetInterfaces().FirstOrDefault(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IContractRequest<>) && i.GetGenericArguments()[0] == type);
        if (request is null)
        {
            return null;
        }

        var map = type.GetInterfaceMap(request);
        return map.TargetMethods[Array.IndexOf(map.InterfaceMethods, request.GetMethod(nameof(IContractRequest<>.Validated))!)];
    }

    private static MethodInfo? FindBinder(Type type)
    {
        var contract = type.GetInterfaces().FirstOrDefault(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IContractArgument<>) && i.GetGenericArguments()[0] == type);
        if (contract is null)
        {
            return null;
        }

        var map = type.GetInterfaceMap(contract);
        return map.TargetMethods[Array.IndexOf(map.InterfaceMethods, contract.GetMethod(nameof(IContractArgument<>.Bind))!)];
    }
}
