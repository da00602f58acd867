namespace ProcessBatching.Service.Hosting;

/// <summary>
/// What one replica runs (setting <c>Roles</c>, comma-separated; all of them by default), so that
/// step workers and sagas can be scaled apart. Every replica serves the API and pages; <c>api</c>
/// alone runs nothing else.
/// </summary>
public sealed record ServiceRoles(bool Processes, bool Workers, bool Batches)
{
    public const string Setting = "Roles";

    public static ServiceRoles From(IConfiguration configuration)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new ServiceRoles(true, true, true);
        }

        var roles = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(role => role.ToLowerInvariant())
            .ToHashSet();
        var unknown = roles.Except(["processes", "workers", "batches", "api"]).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Unknown role(s) {string.Join(", ", unknown)}; known: processes, workers, batches, api.");
        }

        return new ServiceRoles(roles.Contains("processes"), roles.Contains("workers"), roles.Contains("batches"));
    }
}
