using System.Text;
using ProcessBatching.Cli;
using ProcessBatching.Integration.Tests.Operations;
using ProcessBatching.Integration.Tests.Support;

namespace ProcessBatching.Integration.Tests.Cli;

/// <summary>
/// pb against the service as deployed: the service a process of its own on a loopback port, on the
/// collection's database and virtual host; pb run in this process with its real HTTP client.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public abstract class CliSpec(IntegrationFixture fixture) : IAsyncLifetime
{
    protected ServiceProcess Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        Service = await ServiceProcess.StartAsync(fixture, new Dictionary<string, string>());
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();

    /// <summary>Starts pb with <paramref name="args"/>, the service's address in PB_SERVER, its output readable while it runs.</summary>
    protected PbProcess Start(params string[] args)
    {
        var output = new SharedWriter();
        var error = new SharedWriter();
        var server = Service.Client.BaseAddress!.ToString();
        var terminal = new Terminal(output, error, name => name == "PB_SERVER" ? server : null,
            () => new SocketsHttpHandler(), IsInteractive: false, Terminal.DefaultPollInterval);
        return new PbProcess(Task.Run(() => Pb.RunAsync(args, terminal)), output, error);
    }

    protected sealed record PbProcess(Task<int> Run, SharedWriter Out, SharedWriter Error)
    {
        /// <summary>pb's exit code once it ends; throws <see cref="TimeoutException"/> with what it printed if it runs on.</summary>
        public async Task<int> ExitCodeAsync(TimeSpan timeout)
        {
            try
            {
                return await Run.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"pb ran on past {timeout.TotalSeconds:0} s; it printed:\n{this}");
            }
        }

        public string FinalLine => Out.Text.TrimEnd('\n').Split('\n')[^1];

        public override string ToString() => $"stdout:\n{Out.Text}\nstderr:\n{Error.Text}";
    }

    /// <summary>A writer pb writes to on its own thread while the spec reads it.</summary>
    protected sealed class SharedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public SharedWriter() => NewLine = "\n";

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }
    }
}
