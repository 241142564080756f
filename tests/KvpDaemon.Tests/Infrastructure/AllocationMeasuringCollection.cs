// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.Tests.Infrastructure;

/// <summary>
/// Tests that bound what the process allocates (<see cref="GC.GetTotalAllocatedBytes(bool)"/> counts every thread):
/// xunit runs this collection on its own, so no other test's allocations land in the measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuringCollection
{
    public const string Name = "Allocation measuring";
}
