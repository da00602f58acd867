using System.Reflection;
using ProcessBatching.Components.StateMachines;

namespace ProcessBatching.Components.Persistence.Model;

/// <summary>
/// Equality and deep copy of <see cref="StatementReportData"/> for EF Core's change tracking of the
/// <c>state</c> jsonb column, without serialising it. The property list is checked once, when the
/// model is built: a property added to the data and not here stops the service at start (a silent
/// miss would be a change never saved).
/// </summary>
public static class StatementReportDataComparer
{
    private static readonly string[] Compared =
    [
        nameof(StatementReportData.FromDate), nameof(StatementReportData.ToDate), nameof(StatementReportData.AccountList),
        nameof(StatementReportData.OutputType), nameof(StatementReportData.Behavior), nameof(StatementReportData.ResultPaths),
        nameof(StatementReportData.CurrentCommandId), nameof(StatementReportData.CommandAttempt),
        nameof(StatementReportData.CompletedSteps), nameof(StatementReportData.CompensatedSteps),
        nameof(StatementReportData.RetriedSteps), nameof(StatementReportData.CanceledByOperator),
        nameof(StatementReportData.BatchCanceled),
    ];

    /// <summary>Called by the mapping, so a missing property fails when the model is built.</summary>
    public static void Verify()
    {
        var properties = typeof(StatementReportData).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite).Select(property => property.Name).Order().ToArray();
        if (!properties.SequenceEqual(Compared.Order()))
        {
            throw new InvalidOperationException(
                $"{nameof(StatementReportDataComparer)} compares {string.Join(", ", Compared.Order())} but {nameof(StatementReportData)} " +
                $"has {string.Join(", ", properties)}: add the new property to Same, Hash and Copy.");
        }
    }

    public static bool Same(StatementReportData? left, StatementReportData? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null)
        {
            return false;
        }

        return left.FromDate == right.FromDate
            && left.ToDate == right.ToDate
            && left.OutputType == right.OutputType
            && Equals(left.Behavior, right.Behavior) // records: value equality, immutable
            && left.CurrentCommandId == right.CurrentCommandId
            && left.CommandAttempt == right.CommandAttempt
            && left.CanceledByOperator == right.CanceledByOperator
            && left.BatchCanceled == right.BatchCanceled
            && left.AccountList.SequenceEqual(right.AccountList)
            && left.CompletedSteps.SequenceEqual(right.CompletedSteps)
            && left.CompensatedSteps.SequenceEqual(right.CompensatedSteps)
            && left.RetriedSteps.SequenceEqual(right.RetriedSteps)
            && SameEntries(left.ResultPaths, right.ResultPaths);
    }

    public static int Hash(StatementReportData data) =>
        HashCode.Combine(data.CurrentCommandId, data.CommandAttempt, data.CompletedSteps.Count, data.CompensatedSteps.Count, data.ResultPaths.Count);

    public static StatementReportData Copy(StatementReportData data) => new()
    {
        FromDate = data.FromDate,
        ToDate = data.ToDate,
        AccountList = [.. data.AccountList],
        OutputType = data.OutputType,
        Behavior = data.Behavior,
        ResultPaths = new Dictionary<string, string>(data.ResultPaths, data.ResultPaths.Comparer),
        CurrentCommandId = data.CurrentCommandId,
        CommandAttempt = data.CommandAttempt,
        CompletedSteps = [.. data.CompletedSteps],
        CompensatedSteps = [.. data.CompensatedSteps],
        RetriedSteps = [.. data.RetriedSteps],
        CanceledByOperator = data.CanceledByOperator,
        BatchCanceled = data.BatchCanceled,
    };

    private static bool SameEntries(Dictionary<string, string> left, Dictionary<string, string> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }
}
