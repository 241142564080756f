// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.RealStack;

/// <summary>The theory form of <see cref="RealStackFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealStackTheoryAttribute : TheoryAttribute
{
    public RealStackTheoryAttribute()
    {
        Skip = RealStackNetwork.UnavailableReason;
    }
}
