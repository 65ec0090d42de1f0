namespace MedChain.ContractApi.Internal;

/// <summary>Turns the string arguments of a call into the function's parameter values.</summary>
internal static class ArgumentBinder
{
    private static readonly System.Text.UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The arguments for <paramref name="transaction"/>, context first.</summary>
    /// <exception cref="ContractException">Wrong number of arguments or an argument not valid for its type (status 400).</exception>
    public static object?[] Bind(TransactionDescriptor transaction, Context context, IReadOnlyList<string> args, IContractSerializer serializer)
    {
        var parameters = transaction.Parameters;
        var fromArgs = transaction.ArgumentParameters;
        var given = args.Count - 1;
        if (given != fromArgs.Count)
        {
            var names = fromArgs.Count == 0 ? "none" : string.Join(", ", fromArgs.Select(p => p.Name));
            throw new ContractException(
                $"Transaction '{transaction.Name}' expects {fromArgs.Count} argument{(fromArgs.Count == 1 ? string.Empty : "s")} ({names}) but was given {given}.",
                400);
        }

        var values = new object?[parameters.Count + 1];
        values[0] = context;
        var next = 1;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            values[i + 1] = parameter.TransientKey is { } key
                ? BindOne(parameter, ReadTransient(context, key), serializer)
                : BindOne(parameter, args[next++], serializer);
        }

        return values;
    }

    /// <summary>The transient value under <paramref name="key"/> as text; a missing key or bytes that are not UTF-8 are the client's error.</summary>
    private static string ReadTransient(Context context, string key)
    {
        if (!context.Stub.TransientMap.TryGetValue(key, out var bytes))
        {
            throw new ContractException($"Transient '{key}' is missing.", 400);
        }

        try
        {
            return _strictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ContractException($"Transient '{key}' is not UTF-8.", 400);
        }
    }


    private static object? BindOne(ParameterDescriptor parameter, string text, IContractSerializer serializer)
    {
        if (parameter.IsRawString)
        {
            return text;
        }

        if (parameter.Binder is { } binder)
        {
            return binder(text, parameter.Name);
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

        // The request's own rules (IContractRequest<TSelf>.Validated): their message names the field.
        return value is IContractRequest request ? request.ValidatedRequest(parameter.Name) : value;
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
