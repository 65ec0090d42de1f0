namespace MedChain.ContractApi.Internal;

/// <summary>Turns the string arguments of a call into the function's parameter values.</summary>
internal static class ArgumentBinder
{
    /// <summary>The arguments for <paramref name="transaction"/>, context first.</summary>
    /// <exception cref="ContractException">Wrong number of arguments or an argument not valid for its type (status 400).</exception>
    public static object?[] Bind(TransactionDescriptor transaction, Context context, IReadOnlyList<string> args, IContractSerializer serializer)
    {
        var parameters = transaction.Parameters;
        var given = args.Count - 1;
        if (given != parameters.Count)
        {
            var names = parameters.Count == 0 ? "none" : string.Join(", ", parameters.Select(p => p.Name));
            throw new ContractException(
                $"Transaction '{transaction.Name}' expects {parameters.Count} argument{(parameters.Count == 1 ? string.Empty : "s")} ({names}) but was given {given}.",
                400);
        }

        var values = new object?[parameters.Count + 1];
        values[0] = context;
        for (var i = 0; i < parameters.Count; i++)
        {
            values[i + 1] = BindOne(parameters[i], args[i + 1], serializer);
        }

        return values;
    }

    private static object? BindOne(ParameterDescriptor parameter, string text, IContractSerializer serializer)
    {
        if (parameter.IsRawString)
        {
            return text;
        }

        if (parameter.Binder is { } binder)
        {
            return Invoke(binder, null, [text, parameter.Name]);
        }

        object? value;
        try
        {
            value = parameter.Schema is { } schema ? serializer.Deserialize(text, parameter.Type, schema) : serializer.Deserialize(text, parameter.Type);
        }
        catch (ContractException)
        {
            // The schema's verdict: its message names the field.
            throw;
        }
#pragma warning disable CA1031 // Whatever the serializer throws, the client sent bad input.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new ContractException($"Argument '{parameter.Name}' is not valid JSON for type {TypeName(parameter.Type)}: {e.Message}", 400);
        }

        if (value is null && !parameter.AllowsNull)
        {
            throw new ContractException($"Argument '{parameter.Name}' must not be null.", 400);
        }

        return value is null || parameter.Validator is null ? value : Invoke(parameter.Validator, value, [parameter.Name]);
    }

    private static object? Invoke(System.Reflection.MethodInfo method, object? target, object?[] args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is ContractException)
        {
            // The request's own rules: their message names the field.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static string TypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return TypeName(underlying) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }
}
