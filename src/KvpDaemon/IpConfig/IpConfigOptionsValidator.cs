// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using Microsoft.Extensions.Options;

namespace KvpDaemon.IpConfig;

/// <summary>Refuses settings that would only fail at the first injection, so that the daemon does not start with them.</summary>
internal sealed class IpConfigOptionsValidator : IValidateOptions<IpConfigOptions>
{
    public ValidateOptionsResult Validate(string? name, IpConfigOptions options)
    {
        var failures = new List<string>();
        var backend = options.Backend.Trim().ToLowerInvariant();
        if (!IpConfigBackends.Names.Contains(backend))
        {
            failures.Add($"IpConfig:Backend must be one of {string.Join(", ", IpConfigBackends.Names)}.");
        }

        if (backend == IpConfigBackendNames.Script && string.IsNullOrEmpty(options.SetIfconfigScript))
        {
            failures.Add("IpConfig:Backend 'script' needs IpConfig:SetIfconfigScript.");
        }

        if (!string.IsNullOrEmpty(options.SetIfconfigScript) && !Path.IsPathFullyQualified(options.SetIfconfigScript))
        {
            failures.Add("IpConfig:SetIfconfigScript must be an absolute path.");
        }

        foreach (var (label, path) in new[] { ("StateDirectory", options.StateDirectory), ("SysfsRoot", options.SysfsRoot), ("Root", options.Root) })
        {
            if (!Path.IsPathFullyQualified(path))
            {
                failures.Add($"IpConfig:{label} must be an absolute path.");
            }
        }

        if (options.CommandTimeout <= TimeSpan.Zero || options.TotalBudget <= TimeSpan.Zero || options.CommandTimeout > options.TotalBudget)
        {
            failures.Add("IpConfig:CommandTimeout and IpConfig:TotalBudget must be positive, the timeout no longer than the budget.");
        }

        foreach (var (adapter, interfaceName) in options.AdapterMap)
        {
            if (!InterfaceName.IsValid(interfaceName))
            {
                failures.Add($"IpConfig:AdapterMap:{adapter} is not a valid interface name.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
