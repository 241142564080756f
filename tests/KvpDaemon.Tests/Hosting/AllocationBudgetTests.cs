// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.Hosting;

namespace KvpDaemon.Tests.Hosting;

public sealed class AllocationBudgetTests
{
    private long _allocated = 5_000;

    [Fact]
    public void IsSpent_CountsFromConstruction()
    {
        var budget = new AllocationBudget(1_000, () => _allocated);

        _allocated += 999;
        budget.IsSpent.Should().BeFalse();

        _allocated += 1;
        budget.IsSpent.Should().BeTrue();
    }

    [Fact]
    public void Restart_CountsFromWhatHasBeenAllocatedSoFar()
    {
        var budget = new AllocationBudget(1_000, () => _allocated);
        _allocated += 1_500;

        budget.Restart();

        budget.IsSpent.Should().BeFalse();
        _allocated += 1_000;
        budget.IsSpent.Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_RefusesABudgetThatIsNotPositive(long bytes)
    {
        var create = () => new AllocationBudget(bytes, () => 0);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
