namespace ProcessBatching.Service.Security;

/// <summary>The <c>Auth__*</c> settings; docs/security.md says what each mode means.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>An OpenID Connect issuer: API tokens are checked against its keys, and the pages sign in through it.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience API tokens must name; with <see cref="Authority"/> also the pages' client id unless <see cref="ClientId"/> is set.</summary>
    public string? Audience { get; set; }

    /// <summary>A base64 key of at least 32 bytes: tokens signed with it (HS256) by <see cref="Issuer"/>.</summary>
    public string? SigningKey { get; set; }

    public string? Issuer { get; set; }

    /// <summary>No authentication at all, from any address: only behind something that authenticates, and given on purpose.</summary>
    public bool Disabled { get; set; }

    /// <summary>The pages' OpenID Connect client; <see cref="Audience"/> when not set.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public AuthMode Mode =>
        Disabled ? AuthMode.Disabled
        : !string.IsNullOrWhiteSpace(SigningKey) ? AuthMode.SigningKey
        : !string.IsNullOrWhiteSpace(Authority) ? AuthMode.OpenIdConnect
        : AuthMode.LoopbackOnly;

    public static AuthOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AuthOptions>() ?? new AuthOptions();

    /// <summary>The signing key's bytes, or null when it is not base64.</summary>
    public byte[]? SigningKeyBytes()
    {
        var buffer = new byte[SigningKey?.Length ?? 0];
        return Convert.TryFromBase64String(SigningKey ?? "", buffer, out var length) ? buffer[..length] : null;
    }
}

public enum AuthMode
{
    /// <summary>Nothing configured: every caller may do everything, but only from this machine.</summary>
    LoopbackOnly,

    /// <summary><c>Auth__Disabled=true</c>: every caller may do everything, from anywhere.</summary>
    Disabled,

    /// <summary><c>Auth__SigningKey</c>: bearer tokens signed with a shared key (HS256).</summary>
    SigningKey,

    /// <summary><c>Auth__Authority</c>: bearer tokens from an OpenID Connect issuer, and sign-in through it for the pages.</summary>
    OpenIdConnect,
}
