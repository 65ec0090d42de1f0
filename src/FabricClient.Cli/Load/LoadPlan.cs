using System.Globalization;
using System.Text;

namespace MedChain.FabricClient.Cli.Load;

/// <summary>What a load run does: which transaction, how many in flight, for how long.</summary>
internal sealed record LoadPlan(bool Submit, string Function, ArgumentPattern Arguments, int Concurrency, TimeSpan Duration, TimeSpan Warmup)
{
    /// <summary>Throws <see cref="ArgumentException"/> for settings a run cannot use.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Function))
        {
            throw new ArgumentException("The function name must not be empty.");
        }

        if (Concurrency is < 1 or > 10_000)
        {
            throw new ArgumentException($"--concurrency must be 1 to 10000, not {Concurrency}.");
        }

        if (Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--duration must be positive, not {Duration}.");
        }

        if (Warmup < TimeSpan.Zero)
        {
            throw new ArgumentException($"--warmup must not be negative, not {Warmup}.");
        }
    }
}

/// <summary>
/// Transaction arguments with placeholders, so that each transaction can touch its own keys:
/// <c>{n}</c> is the transaction's sequence number in the run (warm-up included, from 0), <c>{w}</c> the
/// worker's index, <c>{n%K}</c> the sequence number modulo K (to cycle over K seeded keys), <c>{{</c> and
/// <c>}}</c> literal braces. Parsed once, so expanding one costs no parsing per transaction.
/// </summary>
internal sealed class ArgumentPattern
{
    private readonly Part[][] _arguments;

    private ArgumentPattern(Part[][] arguments) => _arguments = arguments;

    private enum PartKind
    {
        Text,
        Sequence,
        SequenceModulo,
        Worker,
    }

    /// <summary>How many arguments each transaction gets.</summary>
    public int Count => _arguments.Length;

    /// <summary>Parses each argument; throws <see cref="ArgumentException"/> on an unknown or unclosed placeholder.</summary>
    public static ArgumentPattern Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new ArgumentPattern(arguments.Select(ParseOne).ToArray());
    }

    /// <summary>The arguments of transaction <paramref name="sequence"/> sent by worker <paramref name="worker"/>.</summary>
    public string[] Expand(long sequence, int worker)
    {
        var result = new string[_arguments.Length];
        var builder = new StringBuilder();
        for (var i = 0; i < _arguments.Length; i++)
        {
            builder.Clear();
            foreach (var part in _arguments[i])
            {
                _ = part.Kind switch
                {
                    PartKind.Text => builder.Append(part.Text),
                    PartKind.Sequence => builder.Append(sequence.ToString(CultureInfo.InvariantCulture)),
                    PartKind.SequenceModulo => builder.Append((sequence % part.Modulus).ToString(CultureInfo.InvariantCulture)),
                    _ => builder.Append(worker.ToString(CultureInfo.InvariantCulture)),
                };
            }

            result[i] = builder.ToString();
        }

        return result;
    }

    private static Part[] ParseOne(string argument)
    {
        var parts = new List<Part>();
        var text = new StringBuilder();
        for (var i = 0; i < argument.Length; i++)
        {
            var c = argument[i];
            if ((c == '{' || c == '}') && i + 1 < argument.Length && argument[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new ArgumentException($"Argument '{argument}': a lone '}}' (write '}}}}' for a literal one).");
            }

            if (c != '{')
            {
                text.Append(c);
                continue;
            }

            var close = argument.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw new ArgumentException($"Argument '{argument}': '{{' without '}}' (write '{{{{' for a literal one).");
            }

            if (text.Length > 0)
            {
                parts.Add(new Part(PartKind.Text, text.ToString(), 0));
                text.Clear();
            }

            parts.Add(ParsePlaceholder(argument, argument[(i + 1)..close]));
            i = close;
        }

        if (text.Length > 0)
        {
            parts.Add(new Part(PartKind.Text, text.ToString(), 0));
        }

        return [.. parts];
    }

    private static Part ParsePlaceholder(string argument, string name)
    {
        if (name == "n")
        {
            return new Part(PartKind.Sequence, null, 0);
        }

        if (name == "w")
        {
            return new Part(PartKind.Worker, null, 0);
        }

        if (name.StartsWith("n%", StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var modulus) && modulus > 0)
        {
            return new Part(PartKind.SequenceModulo, null, modulus);
        }

        throw new ArgumentException($"Argument '{argument}': unknown placeholder '{{{name}}}' (known: {{n}}, {{w}}, {{n%K}} with K > 0).");
    }

    private readonly record struct Part(PartKind Kind, string? Text, long Modulus);
}
