using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace MedChain.ContractApi.Internal;

/// <summary>
/// A transaction function resolved once at start-up: its name, parameters and how to await its
/// result, so that a call costs one <see cref="MethodBase.Invoke(object, BindingFlags, Binder, object[], System.Globalization.CultureInfo)"/>.
/// </summary>
internal sealed class TransactionDescriptor
{
    private readonly MethodInfo _method;
    private readonly ResultKind _kind;

    private TransactionDescriptor(string name, bool evaluate, string? description, MethodInfo method, Type contextType, IReadOnlyList<ParameterDescriptor> parameters, ResultKind kind, Type? resultType)
    {
        Name = name;
        Evaluate = evaluate;
        Description = description;
        _method = method;
        ContextType = contextType;
        Parameters = parameters;
        _kind = kind;
        ResultType = resultType;
    }

    private enum ResultKind
    {
        Void,
        Value,
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }

    public string Name { get; }

    public bool Evaluate { get; }

    public string? Description { get; }

    public Type ContextType { get; }

    public IReadOnlyList<ParameterDescriptor> Parameters { get; }

    /// <summary>The parameters bound from the arguments, in order.</summary>
    public IReadOnlyList<ParameterDescriptor> ArgumentParameters => [.. Parameters.Where(p => p.TransientKey is null)];

    /// <summary>The parameters bound from the transient map.</summary>
    public IReadOnlyList<ParameterDescriptor> TransientParameters => [.. Parameters.Where(p => p.TransientKey is not null)];

    /// <summary>The type of the result, or null for a function that returns nothing.</summary>
    public Type? ResultType { get; }

    public string MethodName => _method.Name;

    /// <summary>Resolves <paramref name="method"/>; throws when it cannot be a transaction function.</summary>
    public static TransactionDescriptor Create(Type contractType, MethodInfo method, TransactionAttribute attribute, ContractChaincodeOptions options)
    {
        var where = $"{contractType.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new ArgumentException($"Transaction {where} must not be generic.");
        }

        var name = string.IsNullOrEmpty(attribute.Name) ? method.Name : attribute.Name;
        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Transaction name '{name}' of {where} must not contain ':'.");
        }

        var all = method.GetParameters();
        if (all.Length == 0 || !typeof(Context).IsAssignableFrom(all[0].ParameterType))
        {
            throw new ArgumentException($"Transaction {where} must take a {nameof(Context)} as its first parameter.");
        }

        var nullability = new NullabilityInfoContext();
        var parameters = new List<ParameterDescriptor>(all.Length - 1);
        foreach (var parameter in all.Skip(1))
        {
            if (parameter.ParameterType.IsByRef || parameter.IsOut)
            {
                throw new ArgumentException($"Parameter '{parameter.Name}' of transaction {where} must not be ref or out.");
            }

            var type = parameter.ParameterType;
            var allowsNull = type.IsValueType
                ? Nullable.GetUnderlyingType(type) is not null
                : nullability.Create(parameter).WriteState != NullabilityState.NotNull;
            var transient = parameter.GetCustomAttribute<TransientAttribute>()?.Key;
            if (transient is not null && string.IsNullOrEmpty(transient))
            {
                throw new ArgumentException($"Parameter '{parameter.Name}' of transaction {where} names an empty transient key.");
            }

            if (transient is not null && parameters.Any(p => string.Equals(p.TransientKey, transient, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"Transient key '{transient}' is bound twice in transaction {where}.");
            }

            var parameterName = parameter.Name ?? $"arg{parameter.Position}";
            Func<string, string, object>? binder = null;
            if (typeof(IContractArgument).IsAssignableFrom(type) && !options.ArgumentBinders.TryGetValue(type, out binder))
            {
                throw new ArgumentException(
                    $"Parameter '{parameterName}' of transaction {where} is an {nameof(IContractArgument)}<{type.Name}>: register it with {nameof(ContractChaincodeOptions)}.{nameof(ContractChaincodeOptions.AddArgument)}<{type.Name}>().");
            }

            parameters.Add(new ParameterDescriptor(parameterName, type, type == typeof(string), allowsNull, null) { TransientKey = transient, Binder = binder });
        }

        var (kind, resultType) = Classify(method.ReturnType);
        return new TransactionDescriptor(name, attribute.Evaluate, attribute.Description, method, all[0].ParameterType, parameters, kind, resultType);
    }

    /// <summary>Calls the function and awaits it; exceptions it throws come out unwrapped.</summary>
    public async Task<object?> InvokeAsync(Contract contract, object?[] arguments)
    {
        // Static transaction functions are allowed: contract code that needs no instance state
        // is static by the analyzers' rules (CA1822).
        var returned = _method.Invoke(_method.IsStatic ? null : contract, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        switch (_kind)
        {
            case ResultKind.Void:
                return null;
            case ResultKind.Value:
                return returned;
            case ResultKind.Task:
                await ((Task)returned!).ConfigureAwait(false);
                return null;
            case ResultKind.TaskOfT:
                var task = (Task)returned!;
                await task.ConfigureAwait(false);
                return ResultOf(task);
            case ResultKind.ValueTask:
                await ((ValueTask)returned!).ConfigureAwait(false);
                return null;
            default:
                var asTask = AsTask(returned!);
                await asTask.ConfigureAwait(false);
                return ResultOf(asTask);
        }
    }

    // The result of a completed Task<T> without knowing T: there is no non-generic API for it, and making
    // Task<T> for a T known only at run time (MakeGenericType) is what Native AOT cannot do. The getter of the
    // Task<T> the method itself returned exists in the executable (the method's code constructs that Task<T>),
    // and the DynamicDependency keeps Task<>'s public properties for reflection, which is all GetProperty needs.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(Task<>))]
    [UnconditionalSuppressMessage("Trimming", "IL2075:UnrecognizedReflectionPattern", Justification = "Task<>.Result is kept by the DynamicDependency above; the task's own Task<T> type is constructed by the transaction function.")]
    private static object? ResultOf(Task task) =>
        task.GetType().GetProperty(nameof(Task<int>.Result), BindingFlags.Public | BindingFlags.Instance)!.GetValue(task);

    // ValueTask<T>.AsTask of a boxed ValueTask<T>, for the same reason and kept the same way.
    [DynamicDependency(nameof(ValueTask<int>.AsTask), typeof(ValueTask<>))]
    [UnconditionalSuppressMessage("Trimming", "IL2075:UnrecognizedReflectionPattern", Justification = "ValueTask<>.AsTask is kept by the DynamicDependency above; the ValueTask<T> type is the transaction function's own return type.")]
    private static Task AsTask(object valueTask) =>
        (Task)valueTask.GetType().GetMethod(nameof(ValueTask<int>.AsTask), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!
            .Invoke(valueTask, BindingFlags.DoNotWrapExceptions, binder: null, [], culture: null)!;

    private static (ResultKind Kind, Type? ResultType) Classify(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return (ResultKind.Void, null);
        }

        if (returnType == typeof(Task))
        {
            return (ResultKind.Task, null);
        }

        if (returnType == typeof(ValueTask))
        {
            return (ResultKind.ValueTask, null);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return (ResultKind.TaskOfT, returnType.GetGenericArguments()[0]);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return (ResultKind.ValueTaskOfT, returnType.GetGenericArguments()[0]);
        }

        return (ResultKind.Value, returnType);
    }
}
