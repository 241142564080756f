// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IntegrationTests.Reliability;

/// <summary>
/// A fact that runs only with <c>KVPD_LONG_TESTS=1</c>: the long variants of the fault suite, which take minutes. Each
/// has a short variant that always runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LongFactAttribute : FactAttribute
{
    public const string Variable = "KVPD_LONG_TESTS";

    public LongFactAttribute()
    {
        if (!Enabled)
        {
            Skip = $"Long variant: set {Variable}=1 to run it.";
        }
    }

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";
}
