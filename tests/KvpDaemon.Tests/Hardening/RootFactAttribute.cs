// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Hardening;

/// <summary>A fact that needs root (to give files another owner); skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Interop.Libc.GetEUid() != 0)
        {
            Skip = "Needs root: the test makes files owned by another user (run the tests as root, as CI does).";
        }
    }
}
