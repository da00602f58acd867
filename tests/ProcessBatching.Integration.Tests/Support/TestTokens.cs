using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProcessBatching.Integration.Tests.Support;

/// <summary>Tokens as an installation with a signing key mints them (HS256), and the settings that make the service accept them.</summary>
public static class TestTokens
{
    public const string Issuer = "processbatching-tests";
    public const string Audience = "processbatching";

    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:SigningKey"] = Convert.ToBase64String(Key),
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
    };

    /// <summary>A token for <paramref name="subject"/> holding <paramref name="roles"/> in its <paramref name="roleClaim"/> claim.</summary>
    public static string For(string subject, string? name, string[] roles, string roleClaim = "roles", byte[]? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(
                [new Claim("sub", subject), .. name is null ? [] : new[] { new Claim("name", name) }, .. roles.Select(role => new Claim(roleClaim, role))]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public static Dictionary<string, string?> With(this IReadOnlyDictionary<string, string?> configuration, IReadOnlyDictionary<string, string?> settings)
    {
        var merged = new Dictionary<string, string?>(configuration);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return merged;
    }
}
