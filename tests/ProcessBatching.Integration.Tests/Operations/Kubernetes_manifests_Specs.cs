using YamlDotNet.RepresentationModel;

namespace ProcessBatching.Integration.Tests.Operations;

/// <summary>
/// deploy/kubernetes and docker-compose.yml, read without a cluster: every YAML document parses, and
/// the base has what an operator relies on. No broker, no database.
/// </summary>
public sealed class When_the_kubernetes_manifests_are_read
{
    private static readonly string[] Roles = ["api", "processes", "workers", "batches"];

    [Fact]
    public void Should_parse_every_yaml_document()
    {
        var files = Directory.EnumerateFiles(RepositoryFiles.Resolve("deploy/kubernetes"), "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Append(RepositoryFiles.Resolve("docker-compose.yml"))
            .ToList();

        files.Count.ShouldBeGreaterThan(5);
        foreach (var file in files)
        {
            var documents = Load(file);
            documents.ShouldNotBeEmpty(file);
            documents.ShouldAllBe(document => document.Children.Count > 0, file);
        }
    }

    [Fact]
    public void Should_run_each_role_with_probes_resources_and_a_scrape_annotation()
    {
        var deployments = Base().Where(document => Text(document, "kind") == "Deployment").ToList();

        deployments.Select(Role).Order().ShouldBe(Roles.Order());
        foreach (var deployment in deployments)
        {
            var pod = Map(Map(deployment, "spec"), "template");
            var container = (YamlMappingNode)((YamlSequenceNode)Map(pod, "spec").Children[new YamlScalarNode("containers")]).Children[0];
            Text(Map(Map(container, "startupProbe"), "httpGet"), "path").ShouldBe("/health/startup");
            Text(Map(Map(container, "livenessProbe"), "httpGet"), "path").ShouldBe("/health/live");
            Text(Map(Map(container, "readinessProbe"), "httpGet"), "path").ShouldBe("/health/ready");
            Text(Map(Map(container, "resources"), "requests"), "memory").ShouldNotBeNullOrEmpty();
            Text(Map(Map(pod, "metadata"), "annotations"), "prometheus.io/path").ShouldBe("/metrics");
            Text(Map(container, "securityContext"), "allowPrivilegeEscalation").ShouldBe("false");
        }
    }

    [Fact]
    public void Should_guard_each_role_with_a_disruption_budget_and_migrate_with_a_job()
    {
        var documents = Base().ToList();

        documents.Where(document => Text(document, "kind") == "PodDisruptionBudget")
            .Select(budget => Text(Map(Map(Map(budget, "spec"), "selector"), "matchLabels"), "app.kubernetes.io/component"))
            .Order().ShouldBe(Roles.Order());
        var job = documents.Where(document => Text(document, "kind") == "Job").ShouldHaveSingleItem();
        var migrate = (YamlMappingNode)((YamlSequenceNode)Map(Map(Map(job, "spec"), "template"), "spec").Children[new YamlScalarNode("containers")]).Children[0];
        ((YamlSequenceNode)migrate.Children[new YamlScalarNode("args")]).Children.Select(arg => ((YamlScalarNode)arg).Value).ShouldBe(["migrate"]);
    }

    [Fact]
    public void Should_name_only_files_that_exist_in_each_kustomization()
    {
        foreach (var kustomization in Directory.EnumerateFiles(RepositoryFiles.Resolve("deploy/kubernetes"), "kustomization.yaml", SearchOption.AllDirectories))
        {
            var root = Load(kustomization).Single();
            foreach (var listed in new[] { "resources", "patches" }.Where(key => root.Children.ContainsKey(new YamlScalarNode(key))))
            {
                foreach (var entry in (YamlSequenceNode)root.Children[new YamlScalarNode(listed)])
                {
                    var path = (entry is YamlMappingNode patch ? Text(patch, "path") : ((YamlScalarNode)entry).Value) ?? "";
                    var target = Path.Combine(Path.GetDirectoryName(kustomization)!, path);
                    (File.Exists(target) || Directory.Exists(target)).ShouldBeTrue($"{kustomization} names {path}");
                }
            }
        }
    }

    private static IEnumerable<YamlMappingNode> Base() =>
        Directory.EnumerateFiles(RepositoryFiles.Resolve("deploy/kubernetes/base"), "*.yaml")
            .Where(path => !path.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(Load);

    private static List<YamlMappingNode> Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()];
    }

    private static string Role(YamlMappingNode deployment) =>
        Text(Map(Map(deployment, "metadata"), "labels"), "app.kubernetes.io/component")!;

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
