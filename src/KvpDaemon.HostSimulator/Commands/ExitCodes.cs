// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.HostSimulator.Commands;

/// <summary>The simulator's exit codes, for scripts that drive it.</summary>
internal static class ExitCodes
{
    /// <summary>Everything ran; for <c>run</c>, the reply status was HV_S_OK.</summary>
    public const int Success = 0;

    /// <summary>A transport failure, a timeout, or (demo, bench) a check that failed.</summary>
    public const int Failure = 1;

    /// <summary>A command line or script line that does not parse.</summary>
    public const int Usage = 2;

    /// <summary><c>run</c> only: the exchange worked and the daemon answered with a status other than HV_S_OK.</summary>
    public const int NotOk = 3;
}
