using ProcessBatching.Cli;

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    interrupted.Cancel();
};

return await Pb.RunAsync(args, Terminal.OfThisProcess(), interrupted.Token);
