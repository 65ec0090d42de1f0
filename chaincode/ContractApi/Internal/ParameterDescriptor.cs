namespace MedChain.ContractApi.Internal;

/// <summary>A transaction parameter after the context, as resolved once at start-up.</summary>
internal sealed record ParameterDescriptor(string Name, Type Type, bool IsRawString, bool AllowsNull, string? Description);
