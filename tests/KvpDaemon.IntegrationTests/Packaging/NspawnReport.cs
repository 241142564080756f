// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Text;
using KvpDaemon.Protocol;

namespace KvpDaemon.IntegrationTests.Packaging;

/// <summary>What <see cref="NspawnPackageFixture"/> saw at each step of the package's life in a booted Debian 12.</summary>
public sealed class NspawnReport
{
    private readonly StringBuilder _log = new();

    internal string FirstBootState { get; set; } = string.Empty;

    internal TimeSpan FirstBootTime { get; set; }

    internal ProcessResult? InstallWithoutDevice { get; set; }

    internal string StateWithoutDevice { get; set; } = string.Empty;

    internal string PoolModes { get; set; } = string.Empty;

    internal ProcessResult? InstallWithDevice { get; set; }

    internal bool RegisteredAfterInstall { get; set; }

    internal string StateWithDevice { get; set; } = string.Empty;

    internal HvStatus? HostWriteStatus { get; set; }

    internal bool PoolHoldsHostWrite { get; set; }

    internal ProcessResult? Upgrade { get; set; }

    internal bool RegisteredAfterUpgrade { get; set; }

    internal int StartsBeforeUpgrade { get; set; }

    internal int StartsAfterUpgrade { get; set; }

    internal string VersionAfterUpgrade { get; set; } = string.Empty;

    internal ProcessResult? Reload { get; set; }

    internal bool ReloadLoggedAtReturn { get; set; }

    internal bool ReloadLogged { get; set; }

    internal bool SamePidAfterReload { get; set; }

    internal string SecondBootState { get; set; } = string.Empty;

    internal TimeSpan SecondBootTime { get; set; }

    internal string JobsAfterSecondBoot { get; set; } = string.Empty;

    internal bool PoolHoldsHostWriteAfterReboot { get; set; }

    internal ProcessResult? Remove { get; set; }

    internal string StateAfterRemove { get; set; } = string.Empty;

    internal bool PoolHoldsHostWriteAfterRemove { get; set; }

    internal ProcessResult? Purge { get; set; }

    internal bool ConfigurationGoneAfterPurge { get; set; }

    internal string PoolFilesAfterPurge { get; set; } = string.Empty;

    internal bool PoolHoldsHostWriteAfterPurge { get; set; }

    /// <summary>Notes and outputs of every step, for the failure message of any test.</summary>
    internal void Note(string step, object? what) => _log.Append("== ").Append(step).Append('\n').Append(what).Append('\n');

    public override string ToString() => _log.ToString();
}
