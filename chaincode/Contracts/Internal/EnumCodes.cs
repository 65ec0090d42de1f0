using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;

namespace MedChain.Contracts.Internal;

/// <summary>
/// The wire codes of an enum (its <see cref="JsonStringEnumMemberNameAttribute"/> values, which are also what
/// the canonical JSON writes), so input parsing and serialization agree.
/// </summary>
internal static class EnumCodes<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>
    where T : struct, Enum
{
    private static readonly (string Code, T Value)[] _codes = [.. typeof(T)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name, (T)f.GetValue(null)!))];

    /// <summary>The allowed codes, comma separated, for error messages.</summary>
    public static string Allowed { get; } = string.Join(", ", _codes.Select(c => c.Code));

    public static bool TryParse(string code, out T value)
    {
        foreach (var (c, v) in _codes)
        {
            if (string.Equals(c, code, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string ToCode(T value)
    {
        foreach (var (c, v) in _codes)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return c;
            }
        }

        return value.ToString();
    }
}
