using System.Security.Claims;

namespace ProcessBatching.Service.Security;

/// <summary>
/// The roles a token carries (in its <c>roles</c> or <c>role</c> claim). A submitter and an operator
/// may also see everything a viewer sees.
/// </summary>
public static class OperatorRoles
{
    /// <summary>Every GET: the API, the pages and the OpenAPI document.</summary>
    public const string Viewer = "viewer";

    /// <summary>A viewer who may also create batches.</summary>
    public const string Submitter = "submitter";

    /// <summary>A viewer who may also act on processes and batches: retry, complete, cancel, redrive.</summary>
    public const string Operator = "operator";

    public static readonly string[] All = [Viewer, Submitter, Operator];

    public static bool Grants(this ClaimsPrincipal user, string role) =>
        user.Identity?.IsAuthenticated == true
        && (role == Viewer ? All.Any(user.IsInRole) : user.IsInRole(role));
}
