using System.Text;

using MedChain.Shim;

namespace MedChain.ShimPeerDriver;

/// <summary>Orders keys by their UTF-8 bytes, as Fabric's state databases do (UTF-16 ordinal order differs above U+FFFF).</summary>
public sealed class Utf8Comparer : IComparer<string>
{
    public static readonly Utf8Comparer Instance = new();

    public int Compare(string? x, string? y) =>
        Encoding.UTF8.GetBytes(x ?? string.Empty).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? string.Empty));
}
