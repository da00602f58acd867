using Microsoft.AspNetCore.Authorization;

namespace ProcessBatching.Service.Security;

/// <summary>
/// The fallback policy's one requirement: the caller holds the role <see cref="EndpointRules"/> names for
/// the endpoint and method. Requests that reach no endpoint (static files, a 404) pass, and so do the
/// endpoints routing makes up to refuse a request it matched no route for (405, 415): they only answer it.
/// </summary>
public sealed class EndpointRuleRequirement : AuthorizationHandler<EndpointRuleRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EndpointRuleRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            return Task.CompletedTask;
        }

        var endpoint = http.GetEndpoint();
        var allowed = endpoint is not RouteEndpoint || EndpointRules.RuleFor(endpoint, http.Request.Method) switch
        {
            EndpointRules.Anyone => true,
            null or EndpointRules.NoOne => false,
            var role => context.User.Grants(role),
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
