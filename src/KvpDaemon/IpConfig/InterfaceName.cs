// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

namespace KvpDaemon.IpConfig;

/// <summary>
/// The interface names this daemon will put into a path or a command: 1 to 15 characters (IFNAMSIZ − 1) of letters,
/// digits, '_', '-' and '.', not starting with '-' or '.'. Narrower than what Linux allows, on purpose: a name also
/// becomes a file name and an argument.
/// </summary>
internal static class InterfaceName
{
    public const int MaxLength = 15;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name[0] is not ('-' or '.')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
