using System.Text;

namespace MedChain.EmbeddedLedger.Internal;

/// <summary>The peer stores keys as UTF-8: a string with a lone surrogate cannot be a key.</summary>
internal static class Utf8Keys
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Validate(string key, string parameter)
    {
        try
        {
            _ = _strictUtf8.GetByteCount(key);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The key is not valid UTF-8 (it has a lone surrogate).", parameter, e);
        }
    }

    /// <summary>Range bounds must be simple keys (not in the composite key namespace) and valid UTF-8.</summary>
    public static void ValidateSimple(string key, string parameter)
    {
        CompositeKey.ValidateSimpleKey(key, parameter);
        Validate(key, parameter);
    }
}
