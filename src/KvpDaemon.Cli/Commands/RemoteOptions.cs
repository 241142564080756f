// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;

namespace KvpDaemon.Cli.Commands;

/// <summary>The URI argument and the options of <c>hvkvp remote</c>, shared by all its commands (recursive options).</summary>
internal sealed class RemoteOptions
{
    public Argument<string> Uri { get; } = new("URI")
    {
        Description = "hyperv://[user@]host[:port]/[?transport=http|https] (HTTPS on 5986 by default; HTTP on 5985)",
    };

    public Option<string?> User { get; } = new("--user", "-u")
    {
        Description = $"The user, when the URI names none [default: {RemoteCommand.DefaultUser}]",
        Recursive = true,
    };

    public Option<string?> PasswordFile { get; } = new("--password-file")
    {
        Description = $"A file whose first line is the password [else ${RemotePassword.Variable}, else a prompt]",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "Do not verify WinRM's TLS certificate (labs only)",
        Recursive = true,
    };

    public Option<string?> CaFile { get; } = new("--ca-file")
    {
        Description = "Trust only the CA certificates in this PEM or DER file for WinRM's certificate",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds one WS-Management request may take",
        DefaultValueFactory = _ => 60,
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON for scripts instead of a table",
        Recursive = true,
    };
}
