using Microsoft.Extensions.Options;

namespace ProcessBatching.Service.Security;

/// <summary>
/// Checked when the service starts: a contradictory or incomplete <c>Auth__*</c> setting stops it, and
/// so does running in Production without authentication unless <c>Auth__Disabled=true</c> says so.
/// </summary>
public sealed class AuthOptionsValidation(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var hasKey = !string.IsNullOrWhiteSpace(options.SigningKey);
        var hasAuthority = !string.IsNullOrWhiteSpace(options.Authority);
        if (options.Disabled && (hasKey || hasAuthority))
        {
            failures.Add("Auth__Disabled=true contradicts Auth__SigningKey / Auth__Authority: give one or the other.");
        }

        if (hasKey && hasAuthority)
        {
            failures.Add("Give either Auth__SigningKey (with Auth__Issuer) or Auth__Authority, not both.");
        }

        if (hasKey)
        {
            if (options.SigningKeyBytes() is not { } key)
            {
                failures.Add("Auth__SigningKey must be base64.");
            }
            else if (key.Length < MinimumKeyBytes)
            {
                failures.Add($"Auth__SigningKey must hold at least {MinimumKeyBytes} bytes (HS256), for example `openssl rand -base64 32`.");
            }

            if (string.IsNullOrWhiteSpace(options.Issuer))
            {
                failures.Add("Auth__Issuer is required with Auth__SigningKey.");
            }
        }

        if ((hasKey || hasAuthority) && string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Auth__Audience is required with Auth__SigningKey or Auth__Authority.");
        }

        if (options.Mode == AuthMode.LoopbackOnly && environment.IsProduction())
        {
            failures.Add(
                "The service refuses to start in Production without authentication: set Auth__SigningKey, Auth__Issuer and " +
                "Auth__Audience, or Auth__Authority and Auth__Audience; or Auth__Disabled=true if something in front of it authenticates.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
