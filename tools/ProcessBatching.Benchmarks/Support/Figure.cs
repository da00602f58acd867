namespace ProcessBatching.Benchmarks.Support;

/// <summary>One line of the result table. <see cref="Value"/> is empty when the figure could not be measured.</summary>
public sealed record Figure(string Id, string What, string Value, string Target, string Note)
{
    public static Figure Measured(string id, string what, string value, string target = "", string note = "") =>
        new(id, what, value, target, note);

    /// <summary>A figure whose step did not finish: the table says why instead of a number.</summary>
    public static Figure NotMeasured(string id, string what, string target, string why) =>
        new(id, what, "—", target, why);
}
