// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using KvpDaemon.Remote;

namespace KvpDaemon.HostSimulator.WsMan;

/// <summary>
/// The simulator's WS-Management front end: an <see cref="HttpListener"/> on 127.0.0.1, plain HTTP (a lab, like WinRM
/// with AllowUnencrypted), POST /wsman with Basic authentication, answered by a <see cref="SimulatedHyperVHost"/>.
/// </summary>
/// <remarks>
/// Not Kestrel: a FrameworkReference to Microsoft.AspNetCore.App makes the build drop Microsoft.Extensions.Hosting
/// from the output (the framework provides it to hvkvp-sim), and the daemon copied next to hvkvp-sim then fails to
/// start. Ownership: owns the listener and its request loop; not the simulated host.
/// </remarks>
internal sealed class WsManServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly SimulatedHyperVHost _host;
    private readonly byte[] _expected;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private WsManServer(HttpListener listener, int port, SimulatedHyperVHost host, byte[] expected)
    {
        _listener = listener;
        Port = port;
        _host = host;
        _expected = expected;
        _loop = AcceptLoopAsync();
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The URI hvkvp connects with: <c>hyperv://user@127.0.0.1:PORT/?transport=http</c>.</summary>
    public string HyperVUri(string user) => $"hyperv://{Uri.EscapeDataString(user)}@127.0.0.1:{Port}/?transport=http";

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0: a free port).</summary>
    public static WsManServer Start(SimulatedHyperVHost host, string user, string password, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        var expected = Encoding.UTF8.GetBytes(user + ":" + password);

        // HttpListener cannot bind port 0: take a port the system just handed out, and try again if someone else
        // took it in between.
        for (var attempt = 0; ; attempt++)
        {
            var chosen = port != 0 ? port : FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{chosen}/wsman/");
            // The same loopback address by name: a URI with localhost would otherwise get 404 (the Host header differs).
            listener.Prefixes.Add($"http://localhost:{chosen}/wsman/");
            try
            {
                listener.Start();
                return new WsManServer(listener, chosen, host, expected);
            }
            catch (HttpListenerException) when (port == 0 && attempt < 10)
            {
                listener.Close();
            }
            catch
            {
                listener.Close();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was closed under the pending accept: how the loop ends.
        }

        _stopping.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync().ConfigureAwait(false);

            // One request at a time per connection, several connections at once; the host serialises the guest.
            _ = Task.Run(() => HandleAsync(context), _stopping.Token);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var request = context.Request;
            if (request.HttpMethod != "POST")
            {
                response.StatusCode = 405;
                return;
            }

            if (!Authorized(request.Headers["Authorization"]))
            {
                // As WinRM: 401 with the schemes it accepts, and no body.
                response.StatusCode = 401;
                response.AddHeader("WWW-Authenticate", "Basic realm=\"WSMAN\"");
                return;
            }

            XDocument envelope;
            try
            {
                envelope = await XDocument.LoadAsync(request.InputStream, LoadOptions.None, _stopping.Token).ConfigureAwait(false);
            }
            catch (XmlException e)
            {
                // A SOAP fault rather than a bare 400, so a client can show why.
                await WriteAsync(response, 400, SimulatedHyperVHost.MalformedRequestFault(e.Message)).ConfigureAwait(false);
                return;
            }

            var (answer, isFault) = await _host.HandleAsync(envelope, _stopping.Token).ConfigureAwait(false);

            // WinRM sends faults with HTTP 500.
            await WriteAsync(response, isFault ? 500 : 200, answer).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping: nothing to answer.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Same as above.
            }
        }
    }

    private async Task WriteAsync(HttpListenerResponse response, int status, XDocument answer)
    {
        var bytes = WsManMessages.ToBytes(answer);
        response.StatusCode = status;
        response.ContentType = "application/soap+xml;charset=UTF-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
    }

    private bool Authorized(string? header)
    {
        const string Basic = "Basic ";
        if (header is null || !header.StartsWith(Basic, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(header[Basic.Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
