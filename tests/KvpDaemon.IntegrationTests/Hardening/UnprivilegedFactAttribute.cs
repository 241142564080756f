// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using KvpDaemon.IntegrationTests.Packaging;

namespace KvpDaemon.IntegrationTests.Hardening;

/// <summary>
/// A fact that plays an unprivileged local user with <c>setpriv</c> (util-linux) and so needs root and the tools it
/// names; skipped with the reason otherwise.
/// </summary>
public sealed class UnprivilegedFactAttribute : FactAttribute
{
    public UnprivilegedFactAttribute(params string[] tools)
    {
        var missing = new[] { "setpriv" }.Concat(tools).Where(tool => PackagingTools.Find(tool) is null).ToArray();
        if (Interop.Libc.GetEUid() != 0)
        {
            Skip = "Needs root: the test switches to user nobody with setpriv to play an unprivileged local user.";
        }
        else if (missing.Length > 0)
        {
            Skip = $"Not installed: {string.Join(", ", missing)} (util-linux).";
        }
    }
}
