// Copyright (c) KvpDaemon contributors. Licensed under the MIT License.

using System.Xml;
using System.Xml.Linq;

namespace KvpDaemon.Remote;

/// <summary>
/// Reads WS-Management response envelopes: the body, or the SOAP fault's reason text as a <see cref="WsManException"/>;
/// the enumeration context of an EnumerateResponse; the items of a PullResponse.
/// </summary>
internal static class WsManResponses
{
    /// <summary>
    /// No DTD (an error, not skipped), no resolver, and no more characters than a response may have bytes: for the
    /// envelope and for every embedded instance parsed out of it (<see cref="KvpDataItem.Parse(string)"/>).
    /// </summary>
    internal static readonly XmlReaderSettings SafeReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = WsManClient.MaxResponseBytes,
    };

    /// <summary>The body of <paramref name="envelope"/>.</summary>
    /// <exception cref="WsManException">The text is not a SOAP envelope, or its body is a fault.</exception>
    public static XElement Body(string envelope)
    {
        XDocument document;
        try
        {
            // XDocument.Parse alone would parse a DTD (its reader uses DtdProcessing.Parse): entity expansion from a
            // hostile server. WinRM never sends one, so any DTD is refused, and no resolver fetches anything.
            using var reader = XmlReader.Create(new StringReader(envelope), SafeReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new WsManException("The response contains a DTD, which WS-Management never sends; refused it.", e);
        }
        catch (XmlException e)
        {
            throw new WsManException($"The response is not XML: {e.Message}", e);
        }

        var body = document.Root?.Element(WsManNames.Soap + "Body");
        if (document.Root?.Name != WsManNames.Soap + "Envelope" || body is null)
        {
            throw new WsManException("The response is not a SOAP 1.2 envelope.");
        }

        if (body.Element(WsManNames.Soap + "Fault") is { } fault)
        {
            throw new WsManException("WS-Management fault: " + FaultText(fault));
        }

        return body;
    }

    /// <summary>The reason a fault gives (s:Reason/s:Text), else its subcode or code.</summary>
    public static string FaultText(XElement fault)
    {
        var s = WsManNames.Soap;
        var reason = fault.Element(s + "Reason")?.Elements(s + "Text").FirstOrDefault()?.Value.Trim();
        if (!string.IsNullOrEmpty(reason))
        {
            return reason;
        }

        var code = fault.Element(s + "Code");
        var value = code?.Element(s + "Subcode")?.Element(s + "Value")?.Value ?? code?.Element(s + "Value")?.Value;
        return string.IsNullOrEmpty(value) ? "(the fault gives no reason)" : value.Trim();
    }

    /// <summary>The EnumerationContext of an EnumerateResponse body.</summary>
    public static string EnumerationContext(XElement body)
    {
        var response = body.Element(WsManNames.Enumeration + "EnumerateResponse")
            ?? throw new WsManException("Expected an EnumerateResponse.");
        return response.Element(WsManNames.Enumeration + "EnumerationContext")?.Value
            ?? throw new WsManException("The EnumerateResponse has no EnumerationContext.");
    }

    /// <summary>The items of a PullResponse body, the context for the next Pull, and whether the sequence ended.</summary>
    public static PullResult Pull(XElement body)
    {
        var n = WsManNames.Enumeration;
        var response = body.Element(n + "PullResponse") ?? throw new WsManException("Expected a PullResponse.");
        var items = response.Element(n + "Items")?.Elements().Select(item => new CimInstance(item)).ToArray() ?? [];
        var end = response.Element(n + "EndOfSequence") is not null;
        var context = response.Element(n + "EnumerationContext")?.Value;
        if (!end && string.IsNullOrEmpty(context))
        {
            throw new WsManException("The PullResponse has neither EndOfSequence nor an EnumerationContext.");
        }

        return new PullResult(items, context, end);
    }

    /// <summary>The <c>p:Method_OUTPUT</c> element of an Invoke response body.</summary>
    public static CimInstance InvokeOutput(XElement body, string method)
    {
        var output = body.Elements().FirstOrDefault(element => element.Name.LocalName == method + "_OUTPUT")
            ?? throw new WsManException($"Expected {method}_OUTPUT in the response.");
        return new CimInstance(output);
    }
}

/// <summary>One PullResponse: its items, the context of the next Pull (null at the end), whether it was the last.</summary>
internal sealed record PullResult(IReadOnlyList<CimInstance> Items, string? EnumerationContext, bool EndOfSequence);
