using System.Text.Json.Serialization;

namespace ProcessBatching.Contracts;

/// <summary>What one StatementReport process produces: statements of these accounts over these dates.</summary>
public record StatementReportRequest(
    [property: JsonPropertyName("from_date")] DateOnly FromDate,
    [property: JsonPropertyName("to_date")] DateOnly ToDate,
    [property: JsonPropertyName("account_list")] IReadOnlyList<string> AccountList,
    [property: JsonPropertyName("output_type")] string OutputType,
    [property: JsonPropertyName("behavior")] ProcessBehavior Behavior);
