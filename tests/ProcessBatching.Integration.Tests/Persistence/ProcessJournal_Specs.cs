using Microsoft.EntityFrameworkCore;
using ProcessBatching.Components.Persistence;
using ProcessBatching.Components.StateMachines;
using ProcessBatching.Components.Statuses;
using ProcessBatching.Integration.Tests.Support;
using ProcessBatching.Persistence;

namespace ProcessBatching.Integration.Tests.Persistence;

[Collection(PersistenceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class When_a_process_journals_its_step(IntegrationFixture fixture)
{
    [Fact]
    public async Task Should_write_the_command_then_apply_the_changes_to_it_in_the_order_written()
    {
        await using var db = fixture.NewDbContext();
        var statements = new MessageStatements();
        var journal = new PostgresProcessJournal(db, statements, TimeProvider.System);
        var process = new StatementReportState { CorrelationId = Guid.NewGuid() };
        var commandId = Guid.NewGuid();

        statements.Open();
        await using (var message = await db.Database.BeginTransactionAsync())
        {
            await journal.CommandSent(process, StatementReportSteps.Query, commandId, "StatementQuery", new { Account = "A-1" });
            await journal.CommandResent(commandId, 2);
            await journal.ReplyReceived(process.CorrelationId, commandId, ReplyOutcome.Failed, new { ErrorCode = "E-1" });
            await journal.CommandStatusChanged(commandId, CommandStatus.Failed, "E-1", "no statement");
            (await db.Commands.AsNoTracking().CountAsync(x => x.CommandId == commandId)).ShouldBe(0, "nothing is sent before the message is saved");

            await statements.ExecuteAsync(db, CancellationToken.None);
            await message.CommitAsync();
        }

        var command = await db.Commands.AsNoTracking().SingleAsync(x => x.CommandId == commandId);
        (command.Status, command.Attempts, command.CorrelationId, command.LastErrorCode, command.LastErrorMsg)
            .ShouldBe((CommandStatus.Failed, 2, (Guid?)process.CorrelationId, (string?)"E-1", (string?)"no statement"));
        var audit = await db.ProcessAudit.AsNoTracking().SingleAsync(x => x.CommandId == commandId);
        (audit.ProcessId, audit.StepName, audit.ReplyOutcome).ShouldBe((process.CorrelationId, StatementReportSteps.Query, (string?)ReplyOutcome.Failed));
        audit.CommandData.ShouldNotBeNull().ShouldContain("A-1");
        audit.ReplyData.ShouldNotBeNull().ShouldContain("E-1");
        audit.ReceivedAt.ShouldNotBeNull();
    }
}
