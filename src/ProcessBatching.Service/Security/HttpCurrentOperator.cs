using ProcessBatching.Components.Processes;

namespace ProcessBatching.Service.Security;

/// <summary>The operator of the current request: the token's <c>sub</c> and <c>name</c>.</summary>
public sealed class HttpCurrentOperator(IHttpContextAccessor http) : ICurrentOperator
{
    public OperatorIdentity Identity =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && user.FindFirst("sub")?.Value is { } subject
            ? new OperatorIdentity(subject, user.FindFirst("name")?.Value)
            : OperatorIdentity.Unknown;
}
