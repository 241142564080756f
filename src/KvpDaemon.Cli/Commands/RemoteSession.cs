// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.CommandLine;
using KvpDaemon.Remote;

namespace KvpDaemon.Cli.Commands;

/// <summary>One <c>hvkvp remote</c> connection: the parsed URI, the credentials, the WS-Man and Hyper-V clients.</summary>
/// <remarks>Ownership: owns the WS-Man client (and its HTTP connections).</remarks>
internal sealed class RemoteSession : IDisposable
{
    private readonly WsManClient _wsMan;

    private RemoteSession(WsManClient wsMan)
    {
        _wsMan = wsMan;
        Client = new HyperVKvpClient(wsMan);
    }

    public HyperVKvpClient Client { get; }

    /// <exception cref="HyperVUriException">The URI breaks libvirt's rules.</exception>
    /// <exception cref="HvkvpException">No password, conflicting options.</exception>
    public static RemoteSession Open(ParseResult parsed, RemoteOptions options, Func<string, string?> environment, TextWriter error)
    {
        var uri = HyperVUri.Parse(parsed.GetValue(options.Uri)!);
        foreach (var warning in uri.Warnings)
        {
            error.WriteLine($"hvkvp: warning: {warning}");
        }

        RemoteInput.WarnCleartext(uri, error);

        var insecure = parsed.GetValue(options.Insecure);
        var caFile = parsed.GetValue(options.CaFile);
        if (insecure && caFile is not null)
        {
            throw new HvkvpException("--insecure and --ca-file contradict each other: give one.");
        }

        if (uri.Transport == WsManTransport.Http && (insecure || caFile is not null))
        {
            error.WriteLine("hvkvp: warning: --insecure and --ca-file only matter with transport=https.");
        }

        var fromOption = parsed.GetValue(options.User);
        if (uri.User is not null && fromOption is not null && uri.User != fromOption)
        {
            throw new HvkvpException($"The URI names the user '{uri.User}' and --user '{fromOption}': give one.");
        }

        var user = uri.User ?? fromOption ?? RemoteCommand.DefaultUser;
        var seconds = parsed.GetValue(options.Timeout);
        if (!(seconds > 0))
        {
            throw new HvkvpException("--timeout must be a positive number of seconds.");
        }

        var password = RemotePassword.Resolve(parsed.GetValue(options.PasswordFile), environment, user, uri.Host, error);
        SocketsHttpHandler? handler = null;
        try
        {
            handler = WsManHttpHandler.Create(insecure, caFile);
            var client = new WsManClient(uri.Endpoint, user, password, handler, TimeSpan.FromSeconds(seconds));
            handler = null; // The client owns it now.
            return new RemoteSession(client);
        }
        finally
        {
            handler?.Dispose();
        }
    }

    public void Dispose() => _wsMan.Dispose();
}
