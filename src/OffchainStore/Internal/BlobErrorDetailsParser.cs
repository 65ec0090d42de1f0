using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace MedChain.OffchainStore.Internal;

/// <summary>
/// Reads the Blob service's error: the x-ms-error-code header (present even on HEAD) and, when there is a body,
/// the XML &lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;.
/// </summary>
internal sealed class BlobErrorDetailsParser : RequestFailedDetailsParser
{
    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        try
        {
            if (response.ContentStream is MemoryStream { Length: > 0 } body)
            {
                body.Position = 0;
                var xml = XDocument.Load(body);
                code ??= xml.Root?.Element("Code")?.Value;
                message = xml.Root?.Element("Message")?.Value?.Split('\n')[0];
                body.Position = 0;
            }
        }
        catch (XmlException)
        {
            // Not XML: keep the header's code; the raw body is still in the exception's response.
        }

        error = code is null && message is null ? null : new ResponseError(code, message ?? code);
        return error is not null;
    }
}
