// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Protocol;
using KvpDaemon.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KvpDaemon.Hosting;

/// <summary>Rejects settings the daemon cannot run with, each with a message an administrator can act on.</summary>
internal sealed class KvpDaemonOptionsValidator : IValidateOptions<KvpDaemonOptions>
{
    public ValidateOptionsResult Validate(string? name, KvpDaemonOptions options)
    {
        var failures = new List<string>();
        if (options.Device.StartsWith(SeqPacketTransport.Scheme, StringComparison.Ordinal))
        {
            if (options.Device.Length == SeqPacketTransport.Scheme.Length)
            {
                failures.Add("Device: 'unix:' needs a socket path, as in unix:/run/kvp-sim.sock.");
            }
        }
        else if (!Path.IsPathFullyQualified(options.Device))
        {
            failures.Add($"Device: '{options.Device}' is neither an absolute device path nor unix:PATH.");
        }

        if (!Path.IsPathFullyQualified(options.PoolDirectory))
        {
            failures.Add($"PoolDirectory: '{options.PoolDirectory}' is not an absolute path.");
        }

        if (!KvpAbi.TryParse(options.Abi, out _))
        {
            failures.Add($"Abi: '{options.Abi}' is not one of linux, freebsd.");
        }

        if (!LogLevelSwitch.TryParse(options.LogLevel, out _))
        {
            failures.Add($"LogLevel: '{options.LogLevel}' is not one of {string.Join(", ", Enum.GetNames<LogLevel>())}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
