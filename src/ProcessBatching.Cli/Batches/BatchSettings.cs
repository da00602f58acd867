using System.ComponentModel;
using ProcessBatching.Cli.Service;
using Spectre.Console.Cli;

namespace ProcessBatching.Cli.Batches;

/// <summary>A command about one batch, named by its id.</summary>
public class BatchSettings : ServiceSettings
{
    [CommandArgument(0, "<BATCH_ID>")]
    [Description("The batch's id (a UUID).")]
    public Guid BatchId { get; set; }
}
