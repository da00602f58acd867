using System.ComponentModel.DataAnnotations;
using ProcessBatching.Contracts;

namespace ProcessBatching.Service.Pages.ProcessBatches;

/// <summary>
/// The "new batch" form. It only carries values: the rules live in ProcessBatchValidator, the same
/// code the API runs, and its snake_case error keys are mapped back onto these fields.
/// </summary>
public sealed class NewBatchForm
{
    public static readonly IReadOnlyList<(string Property, string Key, string Label)> Steps =
        [("Query", "query", "Query"), ("Aggregation", "aggregation", "Aggregation"), ("Render", "render", "Render")];

    private static readonly Dictionary<string, string> TopLevelFields = new()
    {
        ["count"] = nameof(Count), ["name"] = nameof(Name), ["from_date"] = nameof(FromDate),
        ["to_date"] = nameof(ToDate), ["output_type"] = nameof(OutputType),
    };

    [Display(Name = "Number of processes")]
    public int? Count { get; set; } = 10;

    public string? Name { get; set; }

    [Display(Name = "From")]
    public DateOnly? FromDate { get; set; }

    [Display(Name = "To")]
    public DateOnly? ToDate { get; set; }

    [Display(Name = "Output type")]
    public string OutputType { get; set; } = "pdf";

    public StepForm Query { get; set; } = new();

    public StepForm Aggregation { get; set; } = new();

    public StepForm Render { get; set; } = new();

    public StepForm Step(string property) => property switch
    {
        nameof(Query) => Query,
        nameof(Aggregation) => Aggregation,
        _ => Render,
    };

    public StartProcessBatch ToRequest() =>
        new(null, Name, Count, FromDate, ToDate, OutputType, new ProcessBehavior(Query.ToBehavior(), Aggregation.ToBehavior(), Render.ToBehavior()));

    /// <summary>
    /// The form field (model state key below <paramref name="prefix"/>) that an error key of the API names:
    /// <c>behavior.render.fail_permanent_pct</c> → <c>Form.Render.FailPermanentPct</c>; unknown keys go to the summary ("").
    /// </summary>
    public static string FieldFor(string key, string prefix)
    {
        if (TopLevelFields.TryGetValue(key, out var field))
        {
            return $"{prefix}.{field}";
        }

        var parts = key.Split('.');
        if (parts is ["behavior", var stepKey, .. var rest] && Steps.FirstOrDefault(s => s.Key == stepKey) is { Property: not null } step)
        {
            return rest switch
            {
                [] => $"{prefix}.{step.Property}",
                [var name] when StepForm.Fields.FirstOrDefault(f => f.Key == name) is { Property: not null } f => $"{prefix}.{step.Property}.{f.Property}",
                _ => "",
            };
        }

        return "";
    }
}
