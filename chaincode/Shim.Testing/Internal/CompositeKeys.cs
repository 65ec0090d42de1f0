using System.Text;

namespace MedChain.Shim.Testing.Internal;

/// <summary>
/// Fabric's composite key encoding: U+0000 objectType U+0000 attr1 U+0000 … attrN U+0000, with
/// the same validation as the Go shim (valid UTF-8, no U+0000 or U+10FFFF inside a component).
/// </summary>
internal static class CompositeKeys
{
    public const char MinRune = '\u0000';
    public const string MaxRune = "\U0010FFFF";

    /// <summary>What an empty start key of a range query becomes: just above the composite key namespace.</summary>
    public const string EmptyKeySubstitute = "\u0001";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Create(string objectType, IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(attributes);
        Validate(objectType, nameof(objectType));
        var key = new StringBuilder().Append(MinRune).Append(objectType).Append(MinRune);
        foreach (var attribute in attributes)
        {
            ArgumentNullException.ThrowIfNull(attribute, nameof(attributes));
            Validate(attribute, nameof(attributes));
            key.Append(attribute).Append(MinRune);
        }

        return key.ToString();
    }

    public static (string ObjectType, IReadOnlyList<string> Attributes) Split(string compositeKey)
    {
        ArgumentNullException.ThrowIfNull(compositeKey);
        if (compositeKey.Length < 2 || compositeKey[0] != MinRune || compositeKey[^1] != MinRune)
        {
            throw new ArgumentException("Not a composite key: it must start and end with U+0000.", nameof(compositeKey));
        }

        var parts = compositeKey[1..^1].Split(MinRune);
        return (parts[0], parts[1..]);
    }

    /// <summary>Range queries take simple keys only: composite keys start with U+0000.</summary>
    public static void ValidateSimpleKey(string key, string parameter)
    {
        ArgumentNullException.ThrowIfNull(key, parameter);
        if (key.Length > 0 && key[0] == MinRune)
        {
            throw new ArgumentException($"The first character of the key [{key}] contains a null character which is not allowed.", parameter);
        }

        ValidateUtf8(key, parameter);
    }

    public static void ValidateUtf8(string key, string parameter)
    {
        try
        {
            _ = StrictUtf8.GetByteCount(key);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The key is not valid UTF-8 (it has a lone surrogate).", parameter, e);
        }
    }

    private static void Validate(string component, string parameter)
    {
        ValidateUtf8(component, parameter);
        if (component.Contains(MinRune, StringComparison.Ordinal) || component.Contains(MaxRune, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Input string [{component}] contains U+0000 or U+10FFFF, which composite keys do not allow.", parameter);
        }
    }
}
