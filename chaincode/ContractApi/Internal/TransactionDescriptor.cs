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
    private readonly PropertyInfo? _taskResult;
    private readonly MethodInfo? _valueTaskAsTask;

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
        if (kind == ResultKind.TaskOfT)
        {
            _taskResult = method.ReturnType.GetProperty(nameof(Task<int>.Result));
        }
        else if (kind == ResultKind.ValueTaskOfT)
        {
            _valueTaskAsTask = method.ReturnType.GetMethod(nameof(ValueTask<int>.AsTask), Type.EmptyTypes);
            _taskResult = typeof(Task<>).MakeGenericType(resultType!).GetProperty(nameof(Task<int>.Result));
        }
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
    public static TransactionDescriptor Create(Type contractType, MethodInfo method, TransactionAttribute attribute)
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

            parameters.Add(new ParameterDescriptor(parameter.Name ?? $"arg{parameter.Position}", type, type == typeof(string), allowsNull, null) { TransientKey = transient });
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
                return _taskResult!.GetValue(task);
            case ResultKind.ValueTask:
                await ((ValueTask)returned!).ConfigureAwait(false);
                return null;
            default:
                var asTask = (Task)_valueTaskAsTask!.Invoke(returned, BindingFlags.DoNotWrapExceptions, binder: null, [], culture: null)!;
                await asTask.ConfigureAwait(false);
                return _taskResult!.GetValue(asTask);
        }
    }

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
