using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ProcessBatching.Service.Security;

/// <summary>
/// Who may call each endpoint, by HTTP method and route (a page by its path, GET for reading it, POST
/// for its forms). An endpoint without a rule here is refused to everyone, and the endpoint-rule
/// spec fails until it gets one: a new endpoint is never open by accident.
/// </summary>
public static class EndpointRules
{
    /// <summary>No token needed: health probes, the metrics scrape and signing in.</summary>
    public const string Anyone = "anyone";

    /// <summary>Refused to every caller (a page without forms, posted to).</summary>
    public const string NoOne = "no one";

    public static readonly IReadOnlyDictionary<string, string> Rules = new Dictionary<string, string>
    {
        ["GET /health/live"] = Anyone,
        ["GET /health/ready"] = Anyone,
        ["GET /health/startup"] = Anyone,
        // Scraped by Prometheus without a token, like the probes: counts and rates, no batch or process data.
        ["GET /metrics"] = Anyone,
        ["GET /openapi/{documentName}.json"] = OperatorRoles.Viewer,

        ["GET /api/batches/{batchId}"] = OperatorRoles.Viewer,
        ["POST /api/batches"] = OperatorRoles.Submitter,
        ["POST /api/processes/batch"] = OperatorRoles.Submitter,
        ["GET /api/process-batches/"] = OperatorRoles.Viewer,
        ["GET /api/process-batches/{batchId}"] = OperatorRoles.Viewer,
        ["GET /api/process-batches/{batchId}/processes"] = OperatorRoles.Viewer,
        ["POST /api/process-batches/{batchId}/retry-blocked"] = OperatorRoles.Operator,
        ["POST /api/process-batches/{batchId}/cancel"] = OperatorRoles.Operator,
        ["POST /api/process-batches/{batchId}/pause"] = OperatorRoles.Operator,
        ["POST /api/process-batches/{batchId}/resume"] = OperatorRoles.Operator,
        ["POST /api/process-batches/{batchId}/rerun-failed"] = OperatorRoles.Operator,
        ["GET /api/process-batches/{batchId}/breakdown"] = OperatorRoles.Viewer,
        ["GET /api/process-batches/{batchId}/throughput"] = OperatorRoles.Viewer,
        ["GET /api/processes"] = OperatorRoles.Viewer,
        ["GET /api/processes/{processId}/"] = OperatorRoles.Viewer,
        ["POST /api/processes/{processId}/retry"] = OperatorRoles.Operator,
        ["POST /api/processes/{processId}/complete"] = OperatorRoles.Operator,
        ["POST /api/processes/{processId}/cancel"] = OperatorRoles.Operator,
        ["POST /api/processes/{processId}/redrive"] = OperatorRoles.Operator,

        ["GET page:/Index"] = OperatorRoles.Viewer,
        ["POST page:/Index"] = NoOne,
        ["GET page:/ProcessBatches/Index"] = OperatorRoles.Viewer,
        ["POST page:/ProcessBatches/Index"] = NoOne,
        ["GET page:/ProcessBatches/Details"] = OperatorRoles.Viewer,
        ["POST page:/ProcessBatches/Details"] = OperatorRoles.Operator,
        ["GET page:/ProcessBatches/New"] = OperatorRoles.Viewer,
        ["POST page:/ProcessBatches/New"] = OperatorRoles.Submitter,
        ["GET page:/Processes/Details"] = OperatorRoles.Viewer,
        ["POST page:/Processes/Details"] = OperatorRoles.Operator,
        ["GET page:/Troubleshooting/Index"] = OperatorRoles.Viewer,
        ["POST page:/Troubleshooting/Index"] = OperatorRoles.Operator,
        ["GET page:/SignIn/Index"] = Anyone,
        ["POST page:/SignIn/Index"] = Anyone,
    };

    /// <summary>The requests that create batches, limited per caller (<c>Limits__BatchesPerMinute</c>).</summary>
    public static readonly IReadOnlySet<string> CreateBatches = new HashSet<string>
    {
        "POST /api/batches", "POST /api/processes/batch", "POST page:/ProcessBatches/New", "POST /api/process-batches/{batchId}/rerun-failed",
    };

    /// <summary>The rule's key for a request to <paramref name="endpoint"/>: HEAD reads like GET.</summary>
    public static string? KeyOf(Endpoint? endpoint, string method) =>
        RouteOf(endpoint) is { } route ? $"{(HttpMethods.IsHead(method) ? "GET" : method.ToUpperInvariant())} {route}" : null;

    /// <summary>A page by its path (one page answers several routes); any other endpoint by its route pattern.</summary>
    public static string? RouteOf(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<PageActionDescriptor>() is { } page ? $"page:{page.ViewEnginePath}"
        : (endpoint as RouteEndpoint)?.RoutePattern.RawText is { } pattern ? (pattern.StartsWith('/') ? pattern : "/" + pattern)
        : null;

    public static string? RuleFor(Endpoint? endpoint, string method) =>
        KeyOf(endpoint, method) is { } key ? Rules.GetValueOrDefault(key) : null;
}
