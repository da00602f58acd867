using ProcessBatching.Cli.Batches;
using ProcessBatching.Cli.Processes;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli;

/// <summary>The <c>pb</c> command line: its commands, and how failures become exit codes.</summary>
public static class Pb
{
    public static Task<int> RunAsync(string[] args, Terminal terminal, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("pb");
            config.UseStrictParsing();
            config.ConfigureConsole(terminal.Widgets());
            config.Settings.Registrar.RegisterInstance(terminal);
            config.CancellationExitCode(ExitCodes.Interrupted);
            config.SetExceptionHandler((exception, _) => Fail(terminal, exception));

            config.AddBranch("batch", batch =>
            {
                batch.SetDescription("Start, watch and steer process batches.");
                batch.AddCommand<StartBatchCommand>("start")
                    .WithDescription("Start a batch of StatementReport processes, from a count or a CSV file of accounts.")
                    .WithExample("batch", "start", "--count", "100", "--wait")
                    .WithExample("batch", "start", "--from-csv", "accounts.csv", "--behavior", "behavior.json", "--wait");
                batch.AddCommand<WatchBatchCommand>("watch")
                    .WithDescription("Show a batch's progress until it ends; exit 0 when COMPLETED, 3 with failures or cancelled.");
                batch.AddCommand<ListBatchesCommand>("list").WithDescription("List process batches, newest first.");
                batch.AddCommand<RetryBlockedCommand>("retry-blocked")
                    .WithDescription("Retry the batch's processes waiting in the troubleshooting queue.");
                batch.AddCommand<BatchActionCommand.Cancel>("cancel")
                    .WithDescription("Cancel the batch: nothing more starts, running processes are compensated.");
                batch.AddCommand<BatchActionCommand.Pause>("pause").WithDescription("Stop starting the batch's pending processes.");
                batch.AddCommand<BatchActionCommand.Resume>("resume").WithDescription("Start the batch's pending processes again.");
                batch.AddCommand<RerunFailedCommand>("rerun-failed")
                    .WithDescription("Start a new batch from the requests of the batch's failed and canceled processes.");
            });
            config.AddBranch("process", process =>
            {
                process.SetDescription("Look at single processes.");
                process.AddCommand<ShowProcessCommand>("show").WithDescription("Show a process, its error and its audit trail.");
            });
        });
        return app.RunAsync(args, cancellationToken);
    }

    private static int Fail(Terminal terminal, Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            terminal.Error.WriteLine("pb: interrupted");
            return ExitCodes.Interrupted;
        }

        // Parse and validation errors name the argument; anything else is a fault of pb itself, so
        // its type goes with it.
        var message = exception switch
        {
            PbException or CommandAppException => exception.Message,
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
        terminal.Error.WriteLine($"pb: {message}");
        return ExitCodes.Error;
    }
}
