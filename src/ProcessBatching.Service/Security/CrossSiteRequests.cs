namespace ProcessBatching.Service.Security;

/// <summary>
/// Without authentication nothing tells a person's request from one a web page elsewhere makes their
/// browser send (<c>fetch(url, {method: 'POST', mode: 'no-cors'})</c> reaches loopback too). Browsers
/// mark such requests (<c>Sec-Fetch-Site</c>, <c>Origin</c>); one that changes something is refused.
/// With tokens this is not needed: another site's page cannot add the Authorization header.
/// </summary>
public static class CrossSiteRequests
{
    public static bool IsRefused(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
