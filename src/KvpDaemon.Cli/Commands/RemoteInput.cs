// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Cli.Pools;

namespace KvpDaemon.Cli.Commands;

/// <summary>
/// Checks the arguments of <c>hvkvp remote</c> before anything is sent: a control character in a VM name, key or
/// value is a usage error (exit 2) with the argument named, not an XML writer's exception; keys and values follow the
/// same length rules as the local <c>hvkvp set</c> (<see cref="KvpInput"/>), since the host hands them to the guest's
/// pool files (docs/reliability.md, "Hostile local users, helpers and servers").
/// </summary>
internal static class RemoteInput
{
    /// <summary>Checks every VM, KEY and VALUE argument of <paramref name="parsed"/>'s command.</summary>
    /// <exception cref="HvkvpException">A usage error naming the argument and the problem.</exception>
    public static void Check(ParseResult parsed)
    {
        foreach (var argument in parsed.CommandResult.Command.Arguments)
        {
            if (argument.Name is not ("VM" or "KEY" or "VALUE") || parsed.GetValue((Argument<string>)argument) is not { } text)
            {
                continue;
            }

            var control = text.FirstOrDefault(char.IsControl);
            if (control != default || text.Contains('\0', StringComparison.Ordinal))
            {
                throw new HvkvpException(
                    $"the {argument.Name} contains the control character U+{(int)control:X4}; names, keys and values " +
                    "sent to Hyper-V cannot hold control characters.");
            }

            _ = argument.Name switch
            {
                "KEY" => KvpInput.Key(text),
                "VALUE" => KvpInput.Value(text),
                _ => default,
            };
        }
    }

    /// <summary>Warns once when the URI sends Basic credentials over plain HTTP.</summary>
    public static void WarnCleartext(KvpDaemon.Remote.HyperVUri uri, TextWriter error)
    {
        if (uri.CleartextWarning is { } warning)
        {
            error.WriteLine($"hvkvp: warning: {warning}");
        }
    }
}
