using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using ProcessBatching.Service.Security;

namespace ProcessBatching.Service.Pages.SignIn;

/// <summary>
/// With a signing key (<c>Auth__SigningKey</c>) the pages take the same bearer token as the API: sent as a
/// header, or pasted here once, which starts a cookie session that ends with the token. With an OpenID
/// Connect issuer the pages sign in there; without authentication there is nothing to sign in to.
/// </summary>
public sealed class IndexModel(IOptions<AuthOptions> auth) : PageModel
{
    public AuthMode Mode => auth.Value.Mode;

    [BindProperty]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() =>
        Mode == AuthMode.OpenIdConnect && User.Identity?.IsAuthenticated != true
            ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl }, SecurityExtensions.OpenIdConnectScheme)
            : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Mode != AuthMode.SigningKey)
        {
            return Page();
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(Token?.Trim(), SecurityExtensions.TokenValidation(auth.Value));
        if (!result.IsValid)
        {
            Error = "The token is not valid here: it must be signed with this service's key, by its issuer, for its audience, and not expired.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The session ends when the token does.
        await HttpContext.SignInAsync(SecurityExtensions.CookieScheme, new ClaimsPrincipal(result.ClaimsIdentity),
            new AuthenticationProperties { ExpiresUtc = result.SecurityToken.ValidTo, IsPersistent = false });
        return LocalRedirect(SafeReturnUrl);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        if (Mode is AuthMode.SigningKey or AuthMode.OpenIdConnect)
        {
            await HttpContext.SignOutAsync(SecurityExtensions.CookieScheme);
        }

        return RedirectToPage();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/process-batches";
}
