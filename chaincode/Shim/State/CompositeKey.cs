using System.Globalization;
using System.Text;

namespace MedChain.Shim;

/// <summary>
/// Fabric's composite key encoding, byte for byte as the Go, Java and Node shims write it:
/// U+0000 objectType U+0000 attr1 U+0000 ... attrN U+0000. Keys that start with U+0000 live in
/// their own namespace, so they never collide with simple keys in range queries.
/// </summary>
public static class CompositeKey
{
    /// <summary>The prefix of every composite key (Fabric's compositeKeyNamespace).</summary>
    public const string Namespace = "\u0000";

    /// <summary>Fabric's minUnicodeRuneValue: the separator after the object type and after each attribute.</summary>
    public const char MinUnicodeRune = '\u0000';

    /// <summary>Fabric's maxUnicodeRuneValue (U+10FFFF, a surrogate pair in UTF-16): appended to a partial key to end its range.</summary>
    public const string MaxUnicodeRune = "\U0010FFFF";

    /// <summary>What an empty start key of a range query becomes, so the range skips composite keys (Fabric's emptyKeySubstitute).</summary>
    public const string EmptyKeySubstitute = "\u0001";

    /// <summary>Builds a composite key; throws <see cref="ArgumentException"/> when a part holds U+0000, U+10FFFF or invalid UTF-16.</summary>
    public static string Create(string objectType, IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(attributes);
        ValidateAttribute(objectType, nameof(objectType));
        var builder = new StringBuilder(Namespace).Append(objectType).Append(MinUnicodeRune);
        foreach (var attribute in attributes)
        {
            ArgumentNullException.ThrowIfNull(attribute, nameof(attributes));
            ValidateAttribute(attribute, nameof(attributes));
            builder.Append(attribute).Append(MinUnicodeRune);
        }

        return builder.ToString();
    }

    /// <summary>Splits a composite key into its object type and attributes.</summary>
    public static (string ObjectType, IReadOnlyList<string> Attributes) Split(string compositeKey)
    {
        ArgumentNullException.ThrowIfNull(compositeKey);
        if (compositeKey.Length < 2 || compositeKey[0] != MinUnicodeRune || compositeKey[^1] != MinUnicodeRune)
        {
            throw new ArgumentException("Not a composite key: it must start and end with U+0000.", nameof(compositeKey));
        }

        // Fabric splits at every U+0000 after the namespace byte; the first component is the object type.
        var components = compositeKey[1..^1].Split(MinUnicodeRune);
        return (components[0], components[1..]);
    }

    /// <summary>The [start, end) range that holds every composite key starting with these parts.</summary>
    public static (string StartKey, string EndKey) PartialKeyRange(string objectType, IReadOnlyList<string> attributes)
    {
        var start = Create(objectType, attributes);
        return (start, start + MaxUnicodeRune);
    }

    /// <summary>Throws when a simple key starts with U+0000 and so would reach into the composite key namespace.</summary>
    public static void ValidateSimpleKey(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length > 0 && key[0] == MinUnicodeRune)
        {
            throw new ArgumentException($"The key '{Printable(key)}' starts with U+0000, which is reserved for composite keys.", parameterName);
        }
    }

    private static void ValidateAttribute(string value, string parameterName)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == MinUnicodeRune)
            {
                throw new ArgumentException($"Composite key part '{Printable(value)}' contains U+0000 at position {i}; U+0000 and U+10FFFF are not allowed.", parameterName);
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    throw new ArgumentException($"Composite key part '{Printable(value)}' is not valid UTF-16 at position {i}.", parameterName);
                }

                if (char.ConvertToUtf32(c, value[i + 1]) == 0x10FFFF)
                {
                    throw new ArgumentException($"Composite key part '{Printable(value)}' contains U+10FFFF at position {i}; U+0000 and U+10FFFF are not allowed.", parameterName);
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                throw new ArgumentException($"Composite key part '{Printable(value)}' is not valid UTF-16 at position {i}.", parameterName);
            }
        }
    }

    private static string Printable(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c);
        }

        return builder.ToString();
    }
}
