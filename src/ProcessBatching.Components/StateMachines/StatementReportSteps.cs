using MassTransit;
using ProcessBatching.Components.Consumers;
using ProcessBatching.Contracts;

namespace ProcessBatching.Components.StateMachines;

/// <summary>The StatementReport process's steps, in order, and the command each one sends.</summary>
public static class StatementReportSteps
{
    public const string ProcessType = "StatementReport";

    public const string Query = nameof(StatementQuery);
    public const string Aggregation = nameof(StatementDataAggregation);
    public const string Render = nameof(StatementRender);

    static readonly string[] Order = [Query, Aggregation, Render];

    /// <summary>Every step, in order (the values of a process's <c>current_step</c>).</summary>
    public static IReadOnlyList<string> All => Order;

    public static string First => Order[0];

    public static string? After(string step)
    {
        var index = Array.IndexOf(Order, step);
        return index >= 0 && index + 1 < Order.Length ? Order[index + 1] : null;
    }

    public static object CreateCommand(StatementReportState process)
    {
        var (id, commandId, data) = (process.CorrelationId, process.Data.CurrentCommandId!.Value, process.Data);
        return process.CurrentStep switch
        {
            Query => new StatementQuery(id, commandId, data.FromDate, data.ToDate, data.AccountList, data.BehaviorOf(Query)),
            Aggregation => new StatementDataAggregation(id, commandId, data.ResultPaths[Query], data.BehaviorOf(Aggregation)),
            Render => new StatementRender(id, commandId, data.ResultPaths[Aggregation], data.OutputType, data.BehaviorOf(Render)),
            var step => throw new InvalidOperationException($"Unknown step {step}"),
        };
    }

    public static CompensateStep CreateCompensation(StatementReportState process)
    {
        var step = process.CurrentStep!;
        return new CompensateStep(process.CorrelationId, process.Data.CurrentCommandId!.Value, step,
            process.Data.ResultPaths.GetValueOrDefault(step), process.Data.Behavior.Compensation ?? StepBehavior.None);
    }

    /// <summary>The worker queue of a command; the same formatter names the workers' endpoints.</summary>
    public static string QueueName(IEndpointNameFormatter formatter, object command) => command switch
    {
        StatementQuery => formatter.Consumer<StatementQueryConsumer>(),
        StatementDataAggregation => formatter.Consumer<StatementDataAggregationConsumer>(),
        StatementRender => formatter.Consumer<StatementRenderConsumer>(),
        CompensateStep => formatter.Consumer<CompensateStepConsumer>(),
        _ => throw new InvalidOperationException($"No worker for {command.GetType().Name}"),
    };

    /// <summary>Where a step's result lives; also used when an operator completes a step without naming one.</summary>
    public static string ResultPath(Guid processId, string step, string outputType) =>
        $"/reports/{processId}/{step}.{(step == Render ? outputType : "json")}";
}
