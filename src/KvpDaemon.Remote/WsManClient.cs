// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Xml.Linq;

namespace KvpDaemon.Remote;

/// <summary>
/// A minimal WS-Management client for WinRM over HTTP(S) with Basic authentication (what libvirt's Hyper-V driver
/// supports): WQL enumerations and method invocations in the Hyper-V v2 namespace. Fully asynchronous.
/// </summary>
/// <remarks>
/// Ownership: the client owns its <see cref="HttpClient"/> (and so the handler it was given). Safe for one operation at
/// a time; Basic authentication is stateless, so concurrent use would also work, but nothing here needs it.
/// </remarks>
internal sealed class WsManClient : IDisposable
{
    /// <summary>
    /// The largest response body accepted: 4 MiB. A Pull of 100 VMs' KVP items is a few hundred KiB; a server sending
    /// more is broken or hostile, and the body is held in memory (docs/reliability.md, "Hostile local users, helpers and servers").
    /// </summary>
    public const int MaxResponseBytes = 4 * 1024 * 1024;

    /// <summary>The most Pull requests one enumeration makes: 1,000 rounds of 100 elements.</summary>
    public const int MaxPullRounds = 1000;

    private const int PullMaxElements = 100;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly TimeSpan _timeout;
    private readonly Func<Guid> _newMessageId;

    /// <param name="endpoint">The WinRM endpoint, <c>http(s)://host:port/wsman</c>.</param>
    /// <param name="user">The user for Basic authentication.</param>
    /// <param name="password">The password for Basic authentication.</param>
    /// <param name="handler">The HTTP handler (TLS validation is its business: <see cref="WsManHttpHandler"/>).</param>
    /// <param name="timeout">How long one request may take, also sent as the WS-Man OperationTimeout.</param>
    /// <param name="newMessageId">Makes the MessageID of each request (a test seam; null: random GUIDs).</param>
    public WsManClient(Uri endpoint, string user, string password, HttpMessageHandler handler, TimeSpan timeout, Func<Guid>? newMessageId = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _endpoint = endpoint;
        _timeout = timeout;
        _newMessageId = newMessageId ?? Guid.NewGuid;

        // Basic: base64 of "user:password" in UTF-8 (RFC 7617); WinRM decodes UTF-8.
        _authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

        // Our own per-request timeout tells a timeout from a cancellation; HttpClient's would not.
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The endpoint this client talks to.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>
    /// Runs <paramref name="wql"/> (which selects from <paramref name="className"/>) as an Enumerate against the namespace
    /// wildcard, then Pulls against the class URI until EndOfSequence.
    /// </summary>
    public async Task<IReadOnlyList<CimInstance>> EnumerateAsync(string className, string wql, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(className);
        ArgumentException.ThrowIfNullOrEmpty(wql);
        var enumerate = WsManMessages.Enumerate(_endpoint, WsManNames.VirtualizationV2Wildcard, wql, _newMessageId(), _timeout);
        var context = WsManResponses.EnumerationContext(await SendAsync(enumerate, cancellationToken).ConfigureAwait(false));
        var items = new List<CimInstance>();
        var classUri = WsManNames.ClassUri(className);
        for (var round = 1; ; round++)
        {
            if (round > MaxPullRounds)
            {
                throw new WsManException(
                    $"{_endpoint} did not end the enumeration of {className} after {MaxPullRounds} Pull requests " +
                    $"({items.Count} items); gave up.");
            }

            var pull = WsManMessages.Pull(_endpoint, classUri, context, _newMessageId(), _timeout, PullMaxElements);
            var result = WsManResponses.Pull(await SendAsync(pull, cancellationToken).ConfigureAwait(false));
            items.AddRange(result.Items);
            if (result.EndOfSequence)
            {
                return items;
            }

            Debug.Assert(result.EnumerationContext is not null, "WsManResponses.Pull refuses a response with neither EndOfSequence nor a context");
            context = result.EnumerationContext;
        }
    }

    /// <summary>Invokes <paramref name="method"/> on <paramref name="target"/> and returns its <c>_OUTPUT</c>.</summary>
    public async Task<CimInstance> InvokeAsync(EndpointReference target, string method, IEnumerable<XElement> parameters, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var request = WsManMessages.Invoke(_endpoint, target, method, parameters, _newMessageId(), _timeout);
        return WsManResponses.InvokeOutput(await SendAsync(request, cancellationToken).ConfigureAwait(false), method);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Posts one envelope and returns the response body; every failure becomes a <see cref="WsManException"/>.</summary>
    private async Task<XElement> SendAsync(XDocument envelope, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Headers.Authorization = _authorization;
        var content = new ByteArrayContent(WsManMessages.ToBytes(envelope));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/soap+xml;charset=UTF-8");
        request.Content = content;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new WsManAuthenticationException();
            }

            var text = await ReadBodyAsync(response.Content, limit.Token).ConfigureAwait(false);

            // WinRM answers a fault with HTTP 500 and the fault in the body: read the body before judging the status.
            if (!response.IsSuccessStatusCode && !LooksLikeSoap(text))
            {
                throw new WsManException($"WinRM answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.")
                {
                    HttpStatus = (int)response.StatusCode,
                };
            }

            return WsManResponses.Body(text);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WsManException($"No answer from {_endpoint} within {_timeout.TotalSeconds:0.#} s.", e);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException && _endpoint.Port == 5985)
        {
            // 5985 is WinRM's HTTP port (the lab's too): TLS fails there because the server speaks plain HTTP, and
            // --insecure would not help.
            throw new WsManException(
                $"TLS with {_endpoint} failed: port 5985 is WinRM over plain HTTP; add ?transport=http to the URI " +
                "(hyperv://user@host:5985/?transport=http).",
                e);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            throw new WsManException(
                $"TLS with {_endpoint} failed: {e.InnerException.Message} Give the CA that signed WinRM's certificate with " +
                "--ca-file, or (labs only) skip verification with --insecure.",
                e);
        }
        catch (HttpRequestException e)
        {
            throw new WsManException($"Cannot reach {_endpoint}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The response body as text, read up to <see cref="MaxResponseBytes"/>: a larger one (by its Content-Length or by
    /// what arrives) is a <see cref="WsManException"/> before more is read. The charset is detected from a byte order
    /// mark, else UTF-8, which WinRM answers in when asked in it.
    /// </summary>
    private async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
        {
            throw TooLarge();
        }

        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var body = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxResponseBytes)
            {
                throw TooLarge();
            }

            body.Write(buffer, 0, read);
        }

        body.Position = 0;
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private WsManException TooLarge() =>
        new($"The response from {_endpoint} is larger than {MaxResponseBytes / (1024 * 1024)} MiB; refused it.");

    private static bool LooksLikeSoap(string text) =>
        text.Contains(WsManNames.Soap.NamespaceName, StringComparison.Ordinal);
}
