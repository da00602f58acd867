namespace ProcessBatching.Service.Security;

/// <summary>The <c>Limits__*</c> settings: what one caller can ask for.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>The largest request body in bytes; a larger one gets 413 before it is read.</summary>
    public long MaxRequestBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Batches (process or command) one caller may create a minute; more get 429 with Retry-After.</summary>
    public int BatchesPerMinute { get; set; } = 60;

    public static LimitsOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<LimitsOptions>() ?? new LimitsOptions();
}
