// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using KvpDaemon.Protocol;

namespace KvpDaemon.HostSimulator.Scripting;

/// <summary>
/// Parses the simulator's operation language: one operation per line, as the <c>run</c>, <c>script</c> and
/// <c>interactive</c> commands take it. A pure function of the line.
/// </summary>
/// <remarks>
/// Tokens are separated by spaces or tabs; double quotes make one token of text with spaces (<see cref="LineLexer"/>).
/// The value of <c>set</c> is the rest of the line (or one quoted token). Lines starting with '#' and blank lines are
/// no operation. Pools are any byte, not only 0-4, so the daemon's range checks can be exercised.
/// </remarks>
internal static class SimulatorCommandParser
{
    /// <summary>The usage of every operation, one per line, for error messages and help.</summary>
    public static readonly IReadOnlyList<string> Usage =
    [
        "get POOL KEY",
        "set POOL KEY VALUE            (VALUE is the rest of the line, or one quoted token)",
        "delete POOL KEY",
        "enum POOL INDEX",
        "enum-all POOL",
        "get-ip-info MAC [ipv4|ipv6|both|N]",
        "set-ip-info ADAPTER DHCP(0|1) IPS SUBNETS GATEWAYS DNS   (';'-separated lists, '-' for empty)",
        "op N POOL                     (a raw operation byte, for unknown operations)",
        "disconnect                    (close the connection: a device reset)",
        "wait-registration             (accept the daemon's next registration)",
        "# comment",
    ];

    /// <summary>The pool the kernel relays IP-info requests with (the host's message carries 0).</summary>
    private const byte IpInfoPool = 0;

    /// <summary>Parses one line; returns null for a blank line or a comment.</summary>
    /// <exception cref="SimulatorScriptException">The line is not a valid operation; the message shows the usage.</exception>
    public static SimulatorCommand? Parse(string line)
    {
        var trimmed = line.TrimStart(' ', '\t');
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return null;
        }

        var lexer = new LineLexer(line);
        var verb = lexer.Next()!;
        return verb.ToLowerInvariant() switch
        {
            "get" => ParseGet(ref lexer),
            "set" => ParseSet(ref lexer),
            "delete" => ParseDelete(ref lexer),
            "enum" => ParseEnumerate(ref lexer),
            "enum-all" => ParseEnumerateAll(ref lexer),
            "get-ip-info" => ParseGetIpInfo(ref lexer),
            "set-ip-info" => ParseSetIpInfo(ref lexer),
            "op" => ParseRawOperation(ref lexer),
            "disconnect" => End(ref lexer, "disconnect", new DisconnectCommand()),
            "wait-registration" => End(ref lexer, "wait-registration", new WaitRegistrationCommand()),
            _ => throw new SimulatorScriptException($"Unknown operation '{verb}'. Operations:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", Usage)),
        };
    }

    /// <summary>
    /// Joins command-line arguments (already split by the shell) into one line that <see cref="Parse"/> reads back as
    /// the same tokens: arguments that are empty or contain spaces, tabs, quotes or backslashes are quoted.
    /// </summary>
    public static string JoinArguments(IEnumerable<string> arguments)
    {
        var line = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            if (argument.Length > 0 && argument.AsSpan().IndexOfAny(" \t\"\\") < 0)
            {
                line.Append(argument);
                continue;
            }

            line.Append('"').Append(argument.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return line.ToString();
    }

    private static RequestCommand ParseGet(ref LineLexer lexer)
    {
        const string usage = "get POOL KEY";
        var (pool, key) = PoolAndKey(ref lexer, usage);
        return End(ref lexer, usage, new RequestCommand(new KvpGetRequest(pool, key)));
    }

    private static RequestCommand ParseSet(ref LineLexer lexer)
    {
        const string usage = "set POOL KEY VALUE";
        var (pool, key) = PoolAndKey(ref lexer, usage);
        var value = lexer.Rest() ?? throw Error(usage, "VALUE is missing (use \"\" for an empty value)");
        return new RequestCommand(new KvpSetRequest(pool, key, Text(value, usage, "VALUE")));
    }

    private static RequestCommand ParseDelete(ref LineLexer lexer)
    {
        const string usage = "delete POOL KEY";
        var (pool, key) = PoolAndKey(ref lexer, usage);
        return End(ref lexer, usage, new RequestCommand(new KvpDeleteRequest(pool, key)));
    }

    /// <summary>The POOL and KEY that get, set and delete begin with.</summary>
    private static (byte Pool, KvpText Key) PoolAndKey(ref LineLexer lexer, string usage)
    {
        var pool = ParsePool(Required(ref lexer, usage, "POOL"), usage);
        return (pool, Text(Required(ref lexer, usage, "KEY"), usage, "KEY"));
    }

    private static RequestCommand ParseEnumerate(ref LineLexer lexer)
    {
        const string usage = "enum POOL INDEX";
        var pool = ParsePool(Required(ref lexer, usage, "POOL"), usage);
        var indexText = Required(ref lexer, usage, "INDEX");
        if (!uint.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw Error(usage, $"INDEX must be a number 0-{uint.MaxValue}; got '{indexText}'");
        }

        return End(ref lexer, usage, new RequestCommand(new KvpEnumerateRequest(pool, index)));
    }

    private static EnumerateAllCommand ParseEnumerateAll(ref LineLexer lexer)
    {
        const string usage = "enum-all POOL";
        var pool = ParsePool(Required(ref lexer, usage, "POOL"), usage);
        return End(ref lexer, usage, new EnumerateAllCommand(pool));
    }

    private static RequestCommand ParseGetIpInfo(ref LineLexer lexer)
    {
        const string usage = "get-ip-info MAC [ipv4|ipv6|both|N]";
        var mac = Required(ref lexer, usage, "MAC");
        var familyText = lexer.Next();
        byte family;
        switch (familyText?.ToLowerInvariant())
        {
            case null:
            case "both":
                family = (byte)(KvpAddressFamily.ADDR_FAMILY_IPV4 | KvpAddressFamily.ADDR_FAMILY_IPV6);
                break;
            case "ipv4":
                family = (byte)KvpAddressFamily.ADDR_FAMILY_IPV4;
                break;
            case "ipv6":
                family = (byte)KvpAddressFamily.ADDR_FAMILY_IPV6;
                break;
            default:
                family = ParseByte(familyText, usage, "the address family");
                break;
        }

        return End(ref lexer, usage, new RequestCommand(new KvpGetIpInfoRequest(IpInfoPool, mac, family)));
    }

    private static RequestCommand ParseSetIpInfo(ref LineLexer lexer)
    {
        const string usage = "set-ip-info ADAPTER DHCP(0|1) IPS SUBNETS GATEWAYS DNS";
        var adapter = Required(ref lexer, usage, "ADAPTER");
        var dhcpText = Required(ref lexer, usage, "DHCP");
        var dhcp = dhcpText switch
        {
            "0" => false,
            "1" => true,
            _ => throw Error(usage, $"DHCP must be 0 or 1; got '{dhcpText}'"),
        };
        var addresses = List(Required(ref lexer, usage, "IPS"));
        var subnets = List(Required(ref lexer, usage, "SUBNETS"));
        var gateways = List(Required(ref lexer, usage, "GATEWAYS"));
        var dns = List(Required(ref lexer, usage, "DNS"));
        var request = new KvpSetIpInfoRequest(
            IpInfoPool, adapter, AddressFamilyOf(addresses), dhcp, addresses, subnets, gateways, dns);
        return End(ref lexer, usage, new RequestCommand(request));
    }

    private static RequestCommand ParseRawOperation(ref LineLexer lexer)
    {
        const string usage = "op N POOL";
        var operation = ParseByte(Required(ref lexer, usage, "N"), usage, "N");
        var pool = ParsePool(Required(ref lexer, usage, "POOL"), usage);
        return End(ref lexer, usage, new RequestCommand(new KvpUnknownRequest(pool, operation)));
    }

    /// <summary>The family the host announces for a static configuration: IPv4 and/or IPv6 by the addresses given.</summary>
    private static byte AddressFamilyOf(string addresses)
    {
        var family = KvpAddressFamily.ADDR_FAMILY_NONE;
        foreach (var address in KvpAddressList.Split(addresses))
        {
            family |= address.Contains(':', StringComparison.Ordinal)
                ? KvpAddressFamily.ADDR_FAMILY_IPV6
                : KvpAddressFamily.ADDR_FAMILY_IPV4;
        }

        return (byte)family;
    }

    private static string List(string token) => token == "-" ? string.Empty : token;

    private static string Required(ref LineLexer lexer, string usage, string name) =>
        lexer.Next() ?? throw Error(usage, $"{name} is missing");

    private static T End<T>(ref LineLexer lexer, string usage, T command)
    {
        var extra = lexer.Next();
        return extra is null ? command : throw Error(usage, $"unexpected extra argument '{extra}'");
    }

    private static byte ParsePool(string text, string usage) =>
        byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pool)
            ? pool
            : throw Error(usage, $"POOL must be a number 0-255 (the pools are 0-4); got '{text}'");

    private static byte ParseByte(string text, string usage, string name) =>
        byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(usage, $"{name} must be a number 0-255; got '{text}'");

    private static KvpText Text(string text, string usage, string name)
    {
        // A line read from text cannot hold NUL in practice, but an argument vector could.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw Error(usage, $"{name} cannot contain NUL characters");
        }

        return KvpText.FromString(text);
    }

    private static SimulatorScriptException Error(string usage, string problem) =>
        new($"{char.ToUpperInvariant(problem[0])}{problem[1..]} (usage: {usage}).");
}
