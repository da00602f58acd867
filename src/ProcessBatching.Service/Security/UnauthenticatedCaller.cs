using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ProcessBatching.Service.Security;

/// <summary>
/// Without authentication (nothing configured, or <c>Auth__Disabled=true</c>) every caller is the same
/// one, holding every role, so that the rules, the pages and the audit trail work the same way.
/// </summary>
public sealed class UnauthenticatedCaller(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Subject = "anonymous";

    private static readonly ClaimsPrincipal Everyone = new(new ClaimsIdentity(
        [
            new Claim("sub", Subject),
            new Claim("name", "no authentication"),
            .. OperatorRoles.All.Select(role => new Claim("roles", role)),
        ],
        authenticationType: "none",
        nameType: "name",
        roleType: "roles"));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Everyone, Scheme.Name)));
}
