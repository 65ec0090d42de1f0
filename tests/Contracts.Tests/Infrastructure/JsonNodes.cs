using System.Text.Json.Nodes;

namespace MedChain.Contracts.Tests.Infrastructure;

/// <summary>Reading JSON answers in assertions.</summary>
internal static class JsonNodes
{
    /// <summary>The items of a JSON array (the test fails on anything else).</summary>
    public static IEnumerable<JsonNode> Items(this JsonNode? node) => node!.AsArray().Select(n => n!);
}
