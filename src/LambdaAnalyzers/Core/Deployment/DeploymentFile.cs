using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LambdaAnalyzers.Deployment
{
    /// <summary>A function as a deployment file declares it: its handler string and, for templates, its events.</summary>
    internal sealed class DeployedFunction
    {
        public DeployedFunction(string logicalId, Location location, string? handler, Location? handlerLocation, string? runtime, IReadOnlyList<(string Name, string Type, Location Location)> events)
        {
            LogicalId = logicalId;
            Location = location;
            Handler = handler;
            HandlerLocation = handlerLocation;
            Runtime = runtime;
            Events = events;
        }

        public string LogicalId { get; }

        public Location Location { get; }

        public string? Handler { get; }

        public Location? HandlerLocation { get; }

        public string? Runtime { get; }

        public IReadOnlyList<(string Name, string Type, Location Location)> Events { get; }

        /// <summary>What the events say about delivery; unknown when there are none.</summary>
        public Trigger Trigger
        {
            get
            {
                var triggers = Events.Select(e => e.Type switch
                {
                    "SQS" => Trigger.QueuePoll,
                    "Kinesis" or "DynamoDB" or "MSK" or "SelfManagedKafka" => Trigger.StreamPoll,
                    "S3" or "SNS" or "EventBridgeRule" or "Schedule" or "ScheduleV2" or "CloudWatchEvent" or "CloudWatchLogs" or "IoTRule" or "Cognito" => Trigger.Asynchronous,
                    "Api" or "HttpApi" => Trigger.Synchronous,
                    _ => Trigger.Unknown,
                }).ToList();
                return triggers.Contains(Trigger.QueuePoll) ? Trigger.QueuePoll
                    : triggers.Contains(Trigger.StreamPoll) ? Trigger.StreamPoll
                    : triggers.Contains(Trigger.Asynchronous) ? Trigger.Asynchronous
                    : triggers.Contains(Trigger.Synchronous) ? Trigger.Synchronous
                    : Trigger.Unknown;
            }
        }
    }

    /// <summary>
    /// One deployment file read from AdditionalFiles: <c>aws-lambda-tools-defaults.json</c> (its
    /// <c>function-handler</c>), or a SAM / CloudFormation template (<c>template.yaml</c>, <c>template.yml</c>,
    /// <c>serverless.template</c>) in YAML or JSON, short-form intrinsic tags included. Reading never throws:
    /// a file that cannot be read carries the reason and the line.
    /// </summary>
    internal sealed class DeploymentFile
    {
        private static readonly string[] TemplateNames = { "template.yaml", "template.yml", "serverless.template" };
        private const string ToolsDefaults = "aws-lambda-tools-defaults.json";

        private DeploymentFile(AdditionalText file, IReadOnlyList<DeployedFunction> functions, string? error, Location? errorLocation)
        {
            File = file;
            Functions = functions;
            Error = error;
            ErrorLocation = errorLocation;
        }

        public AdditionalText File { get; }

        public IReadOnlyList<DeployedFunction> Functions { get; }

        public string? Error { get; }

        public Location? ErrorLocation { get; }

        public static bool IsDeploymentFile(AdditionalText file)
        {
            var name = Path.GetFileName(file.Path);
            return name.Equals(ToolsDefaults, StringComparison.OrdinalIgnoreCase) || TemplateNames.Any(t => name.Equals(t, StringComparison.OrdinalIgnoreCase));
        }

        public static DeploymentFile Read(AdditionalText file, CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken);
            if (text is null || text.Length == 0 || string.IsNullOrWhiteSpace(text.ToString()))
            {
                return Failed(file, text, "the file is empty", 1);
            }

            YamlNode root;
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(text.ToString()));
                if (stream.Documents.Count == 0)
                {
                    return Failed(file, text, "the file holds no document", 1);
                }

                root = stream.Documents[0].RootNode;
            }
            catch (YamlException exception)
            {
                return Failed(file, text, Reason(exception), (int)exception.Start.Line);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The parser also fails with other exceptions on some malformed input (duplicate keys, and
                // states its scanner does not expect); the file is unreadable all the same.
                return Failed(file, text, Reason(exception), 1);
            }

            if (root is not YamlMappingNode mapping)
            {
                return Failed(file, text, "the top level is not a mapping of keys to values", (int)root.Start.Line);
            }

            var functions = Path.GetFileName(file.Path).Equals(ToolsDefaults, StringComparison.OrdinalIgnoreCase)
                ? ReadToolsDefaults(file, text, mapping)
                : ReadTemplate(file, text, mapping);
            return new DeploymentFile(file, functions, null, null);
        }

        private static string Reason(Exception exception) => exception.Message.Replace("\r", " ").Replace("\n", " ").Trim().TrimEnd('.');

        private static IReadOnlyList<DeployedFunction> ReadToolsDefaults(AdditionalText file, SourceText text, YamlMappingNode root)
        {
            if (Child(root, "function-handler") is not YamlScalarNode handler)
            {
                return Array.Empty<DeployedFunction>();
            }

            var location = LocationOf(file, text, handler);
            return new[] { new DeployedFunction("function-handler", location, handler.Value, location, Scalar(root, "function-runtime"), Array.Empty<(string, string, Location)>()) };
        }

        private static IReadOnlyList<DeployedFunction> ReadTemplate(AdditionalText file, SourceText text, YamlMappingNode root)
        {
            if (Child(root, "Resources") is not YamlMappingNode resources)
            {
                return Array.Empty<DeployedFunction>();
            }

            var globals = Child(Child(root, "Globals") as YamlMappingNode, "Function") as YamlMappingNode;
            var functions = new List<DeployedFunction>();
            foreach (var entry in resources.Children)
            {
                if (entry.Key is not YamlScalarNode { Value: { } logicalId } key
                    || entry.Value is not YamlMappingNode resource
                    || Scalar(resource, "Type") is not ("AWS::Serverless::Function" or "AWS::Lambda::Function"))
                {
                    continue;
                }

                var properties = Child(resource, "Properties") as YamlMappingNode;
                var handler = (Child(properties, "Handler") ?? Child(globals, "Handler")) as YamlScalarNode;
                var runtime = Scalar(properties, "Runtime") ?? Scalar(globals, "Runtime");
                var events = new List<(string, string, Location)>();
                if (Child(properties, "Events") is YamlMappingNode eventMap)
                {
                    foreach (var @event in eventMap.Children)
                    {
                        if (@event.Key is YamlScalarNode { Value: { } eventName } eventKey && @event.Value is YamlMappingNode eventBody && Scalar(eventBody, "Type") is { } eventType)
                        {
                            events.Add((eventName, eventType, LocationOf(file, text, eventKey)));
                        }
                    }
                }

                functions.Add(new DeployedFunction(
                    logicalId,
                    LocationOf(file, text, key),
                    handler?.Tag.IsEmpty == false ? null : handler?.Value,
                    handler is null ? null : LocationOf(file, text, handler),
                    runtime,
                    events));
            }

            return functions;
        }

        internal static YamlNode? Child(YamlMappingNode? mapping, string key)
            => mapping is not null && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static string? Scalar(YamlMappingNode? mapping, string key) => (Child(mapping, key) as YamlScalarNode)?.Value;

        internal static Location LocationOf(AdditionalText file, SourceText text, YamlNode node)
            => At(file, text, (int)node.Start.Line, (int)node.Start.Column, (int)node.End.Line, (int)node.End.Column);

        private static Location At(AdditionalText file, SourceText text, int line, int column, int endLine, int endColumn)
        {
            var start = Position(text, line, column);
            var end = Math.Max(start, Position(text, endLine, endColumn));
            var span = TextSpan.FromBounds(start, end);
            return Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span));
        }

        /// <summary>YamlDotNet marks are 1-based; a mark past the end of the text is clamped to it.</summary>
        private static int Position(SourceText text, int line, int column)
        {
            if (text.Lines.Count == 0)
            {
                return 0;
            }

            var lineIndex = Math.Min(Math.Max(line - 1, 0), text.Lines.Count - 1);
            var textLine = text.Lines[lineIndex];
            return Math.Min(textLine.Start + Math.Max(column - 1, 0), textLine.End);
        }

        private static DeploymentFile Failed(AdditionalText file, SourceText? text, string reason, int line)
        {
            var location = text is null ? Location.Create(file.Path, default, default) : At(file, text, line, 1, line, int.MaxValue / 2);
            return new DeploymentFile(file, Array.Empty<DeployedFunction>(), reason, location);
        }
    }
}
