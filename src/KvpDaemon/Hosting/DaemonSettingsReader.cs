// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using KvpDaemon.IpConfig;
using KvpDaemon.Network;
using Microsoft.Extensions.Options;

namespace KvpDaemon.Hosting;

/// <summary>
/// Reads <see cref="DaemonSettings"/> from the configuration as it is now, through the same option factories (defaults,
/// binding, validation) that built the settings at start, so a reload judges a file exactly as a start would.
/// </summary>
internal sealed class DaemonSettingsReader
{
    private readonly IOptionsFactory<KvpDaemonOptions> _daemon;
    private readonly IOptionsFactory<NetworkOptions> _network;
    private readonly IOptionsFactory<IpConfigOptions> _ipConfig;

    public DaemonSettingsReader(
        IOptionsFactory<KvpDaemonOptions> daemon,
        IOptionsFactory<NetworkOptions> network,
        IOptionsFactory<IpConfigOptions> ipConfig)
    {
        _daemon = daemon;
        _network = network;
        _ipConfig = ipConfig;
    }

    /// <summary>Binds and validates every section; collects every failure rather than stopping at the first.</summary>
    public DaemonSettingsReadResult Read()
    {
        var errors = new List<string>();
        var daemon = Create(_daemon, errors);
        var network = Create(_network, errors);
        var ipConfig = Create(_ipConfig, errors);
        return daemon is not null && network is not null && ipConfig is not null
            ? new DaemonSettingsReadResult(new DaemonSettings(daemon, network, ipConfig), [])
            : DaemonSettingsReadResult.Failed(errors);
    }

    private static TOptions? Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        IOptionsFactory<TOptions> factory, List<string> errors)
        where TOptions : class
    {
        try
        {
            return factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException exception)
        {
            errors.AddRange(exception.Failures);
        }
        catch (InvalidOperationException exception)
        {
            // The binder's "Failed to convert configuration value at 'IpConfig:DryRun' ...", or a section's own
            // message such as "Network:UseHelperScripts must be true or false.": both name the setting.
            errors.Add(exception.Message);
        }

        return null;
    }
}
