using System.Globalization;

namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>Samples of a Prometheus text exposition: metric name, its labels as written, its value.</summary>
public sealed record PrometheusText(IReadOnlyList<(string Name, string Labels, double Value)> Samples)
{
    public static PrometheusText Parse(string text) => new([
        .. text.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Sample)]);

    public IReadOnlySet<string> Names => Samples.Select(sample => sample.Name).ToHashSet();

    public double Value(string name, params string[] labels) =>
        Samples.Where(sample => sample.Name == name && labels.All(sample.Labels.Contains)).Sum(sample => sample.Value);

    // name{labels} value [timestamp], or name value [timestamp]; label values may hold spaces.
    private static (string, string, double) Sample(string line)
    {
        var labelsEnd = line.LastIndexOf('}');
        var labelsAt = labelsEnd < 0 ? -1 : line.IndexOf('{');
        var name = labelsAt < 0 ? line[..line.IndexOf(' ')] : line[..labelsAt];
        var labels = labelsAt < 0 ? "" : line[labelsAt..(labelsEnd + 1)];
        var rest = line[(labelsAt < 0 ? name.Length : labelsEnd + 1)..].Trim().Split(' ')[0];
        return (name, labels, double.Parse(rest, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
