using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ProcessBatching.Components.Processes;

namespace ProcessBatching.Service.Security;

/// <summary>
/// Who may call the service (docs/security.md): bearer tokens for the API, a cookie session or the same
/// token for the pages, roles checked against <see cref="EndpointRules"/>; without <c>Auth__*</c>
/// settings, only callers on this machine.
/// </summary>
public static class SecurityExtensions
{
    /// <summary>The default scheme: the bearer token for the API and for any request that carries one, else the pages' cookie.</summary>
    public const string CallerScheme = "caller";

    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OpenIdConnectScheme = OpenIdConnectDefaults.AuthenticationScheme;

    public static WebApplicationBuilder AddProcessBatchingSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var auth = AuthOptions.From(builder.Configuration);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>();

        var authentication = services.AddAuthentication(CallerScheme);
        if (auth.Mode is AuthMode.LoopbackOnly or AuthMode.Disabled)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, UnauthenticatedCaller>(CallerScheme, null);
        }
        else
        {
            authentication
                .AddPolicyScheme(CallerScheme, null, scheme => scheme.ForwardDefaultSelector = SchemeFor)
                .AddJwtBearer(BearerScheme, bearer => ConfigureBearer(bearer, auth, builder.Environment))
                .AddCookie(CookieScheme, cookie => ConfigureCookie(cookie, auth));
            if (auth.Mode == AuthMode.OpenIdConnect)
            {
                authentication.AddOpenIdConnect(OpenIdConnectScheme, oidc => ConfigureOpenIdConnect(oidc, auth, builder.Environment));
            }
        }

        // One policy for every endpoint, from the rule table: an endpoint without a rule is refused.
        services.AddAuthorizationBuilder().SetFallbackPolicy(
            new AuthorizationPolicyBuilder().AddRequirements(new EndpointRuleRequirement()).Build());

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentOperator, HttpCurrentOperator>();
        services.AddRequestLimits(LimitsOptions.From(builder.Configuration));
        return builder;
    }

    public static WebApplication UseProcessBatchingSecurity(this WebApplication app)
    {
        var mode = AuthOptions.From(app.Configuration).Mode;
        if (mode == AuthMode.LoopbackOnly)
        {
            app.Logger.LogWarning(
                "The service runs without authentication (no Auth__* setting): it answers only requests from this machine (loopback). See docs/security.md");
            app.Use(async (context, next) =>
            {
                if (IsFromThisMachine(context.Connection.RemoteIpAddress))
                {
                    await next(context);
                    return;
                }

                await TypedResults.Problem(
                    "This service runs without authentication and answers only requests from its own machine. Set Auth__SigningKey or Auth__Authority (docs/security.md).",
                    statusCode: StatusCodes.Status403Forbidden, title: "Only from this machine").ExecuteAsync(context);
            });
        }
        else if (mode == AuthMode.Disabled)
        {
            app.Logger.LogWarning(
                "The service runs without authentication (Auth__Disabled=true): every caller, from any address, may do everything. See docs/security.md");
        }

        if (mode is AuthMode.LoopbackOnly or AuthMode.Disabled)
        {
            app.Use(async (context, next) =>
            {
                if (!CrossSiteRequests.IsRefused(context.Request))
                {
                    await next(context);
                    return;
                }

                await TypedResults.Problem(
                    "Without authentication the service takes no request that changes something from another site's page.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request").ExecuteAsync(context);
            });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A loopback address, or none at all (an in-process test server, a Unix socket).</summary>
    public static bool IsFromThisMachine(IPAddress? address) =>
        address is null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static string SchemeFor(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi")
        || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? BearerScheme
            : CookieScheme;

    private static void ConfigureBearer(JwtBearerOptions bearer, AuthOptions auth, IHostEnvironment environment)
    {
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = TokenValidation(auth);
        if (auth.Mode == AuthMode.OpenIdConnect)
        {
            bearer.Authority = auth.Authority;
            bearer.Audience = auth.Audience;
            bearer.RequireHttpsMetadata = !environment.IsDevelopment();
        }
    }

    /// <summary>How a token is checked: with the shared key and issuer, or (OpenID Connect) the issuer's published keys.</summary>
    public static TokenValidationParameters TokenValidation(AuthOptions auth)
    {
        var parameters = new TokenValidationParameters
        {
            ValidAudience = auth.Audience,
            NameClaimType = "name",
            RoleClaimTypeRetriever = (token, _) => token is JsonWebToken jwt && jwt.TryGetClaim("roles", out System.Security.Claims.Claim _) ? "roles" : "role",
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (auth.Mode == AuthMode.SigningKey && auth.SigningKeyBytes() is { Length: >= AuthOptionsValidation.MinimumKeyBytes } key)
        {
            parameters.ValidIssuer = auth.Issuer;
            parameters.IssuerSigningKey = new SymmetricSecurityKey(key);
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        return parameters;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, AuthOptions auth)
    {
        cookie.Cookie.Name = "processbatching.session";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.SlidingExpiration = false;
        cookie.LoginPath = "/sign-in";
        cookie.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        if (auth.Mode == AuthMode.OpenIdConnect)
        {
            cookie.ForwardChallenge = OpenIdConnectScheme;
        }
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, AuthOptions auth, IHostEnvironment environment)
    {
        oidc.Authority = auth.Authority;
        oidc.ClientId = auth.ClientId ?? auth.Audience;
        oidc.ClientSecret = auth.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        oidc.SignInScheme = CookieScheme;
        oidc.MapInboundClaims = false;
        oidc.RequireHttpsMetadata = !environment.IsDevelopment();
        oidc.TokenValidationParameters.NameClaimType = "name";
        oidc.TokenValidationParameters.RoleClaimTypeRetriever = TokenValidation(auth).RoleClaimTypeRetriever;
    }
}
