using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace LambdaAnalyzers.Deployment
{
    /// <summary>A function as a deployment file declares it: its handler string and, for templates, its events.</summary>
    /// <summary>An event source under a function's <c>Events</c>.</summary>
    internal sealed class DeployedEvent
    {
        public DeployedEvent(string name, string type, Location location, YamlMappingNode? properties)
        {
            Name = name;
            Type = type;
            Location = location;
            Properties = properties;
        }

        public string Name { get; }

        public string Type { get; }

        public Location Location { get; }

        public YamlMappingNode? Properties { get; }

        /// <summary>How Lambda delivers this source's events.</summary>
        public Trigger Trigger => Type switch
        {
            "SQS" => Trigger.QueuePoll,
            "Kinesis" or "DynamoDB" or "MSK" or "SelfManagedKafka" => Trigger.StreamPoll,
            "S3" or "SNS" or "EventBridgeRule" or "Schedule" or "ScheduleV2" or "CloudWatchEvent" or "CloudWatchLogs" or "IoTRule" => Trigger.Asynchronous,

            // Cognito user pool triggers wait for the function's answer.
            "Api" or "HttpApi" or "Cognito" => Trigger.Synchronous,
            _ => Trigger.Unknown,
        };

        public bool IsSqs => Trigger == Trigger.QueuePoll;

        /// <summary>The stream sources that take a partial batch response (Kafka has none).</summary>
        public bool IsStream => Type is "Kinesis" or "DynamoDB";

        public bool IsAsynchronous => Trigger == Trigger.Asynchronous;

        /// <summary>
        /// <c>FunctionResponseTypes: [ReportBatchItemFailures]</c> on the event source, or a Serverless Framework
        /// event's <c>functionResponseType: ReportBatchItemFailures</c>.
        /// </summary>
        public bool ReportsBatchItemFailures
            => (DeploymentFile.Child(Properties, "FunctionResponseTypes") is YamlSequenceNode types
                && types.Children.OfType<YamlScalarNode>().Any(t => t.Value == "ReportBatchItemFailures"))
               || DeploymentFile.Scalar(Properties, "functionResponseType") == "ReportBatchItemFailures";
    }

    internal sealed class DeployedFunction
    {
        public DeployedFunction(string logicalId, Location location, string? handler, Location? handlerLocation, string? runtime, IReadOnlyList<DeployedEvent> events, YamlMappingNode? properties = null, YamlMappingNode? globals = null)
        {
            LogicalId = logicalId;
            Location = location;
            Handler = handler;
            HandlerLocation = handlerLocation;
            Runtime = runtime;
            Events = events;
            Properties = properties;
            Globals = globals;
        }

        /// <summary>The function's <c>Properties</c> (templates), or its body under <c>functions</c> (Serverless Framework).</summary>
        public YamlMappingNode? Properties { get; }

        /// <summary><c>Globals.Function</c> (SAM templates), or <c>provider</c> (Serverless Framework).</summary>
        public YamlMappingNode? Globals { get; }

        /// <summary>A property of the function, or of <c>Globals.Function</c> when the function does not set it.</summary>
        public YamlNode? Property(string name) => DeploymentFile.Child(Properties, name) ?? DeploymentFile.Child(Globals, name);

        /// <summary>The key of a property, where a diagnostic about the property sits.</summary>
        public YamlScalarNode? PropertyKey(string name)
            => (Properties?.Children.Keys ?? Enumerable.Empty<YamlNode>()).Concat(Globals?.Children.Keys ?? Enumerable.Empty<YamlNode>())
                .OfType<YamlScalarNode>()
                .FirstOrDefault(k => k.Value == name);

        /// <summary>
        /// Whether failed asynchronous events go to a dead-letter queue: a template's <c>DeadLetterQueue</c>, or a
        /// Serverless Framework function's <c>onError</c> (its dead-letter topic), on the function or its defaults.
        /// </summary>
        public bool HasDeadLetterQueue => Property("DeadLetterQueue") is not null || Property("onError") is not null;

        /// <summary>Timeout in seconds: the function's, the Globals', or Lambda's default of 3.</summary>
        public int TimeoutSeconds
            => Property("Timeout") is YamlScalarNode { Value: { } text } && int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : 3;

        public string LogicalId { get; }

        public Location Location { get; }

        public string? Handler { get; }

        public Location? HandlerLocation { get; }

        public string? Runtime { get; }

        public IReadOnlyList<DeployedEvent> Events { get; }

        /// <summary>What the events say about delivery; unknown when there are none.</summary>
        public Trigger Trigger
        {
            get
            {
                var triggers = Events.Select(e => e.Trigger).ToList();
                return triggers.Contains(Trigger.QueuePoll) ? Trigger.QueuePoll
                    : triggers.Contains(Trigger.StreamPoll) ? Trigger.StreamPoll
                    : triggers.Contains(Trigger.Asynchronous) ? Trigger.Asynchronous
                    : triggers.Contains(Trigger.Synchronous) ? Trigger.Synchronous
                    : Trigger.Unknown;
            }
        }
    }

    /// <summary>What kind of deployment file it is, which decides what it can say.</summary>
    internal enum DeploymentFileKind
    {
        /// <summary><c>aws-lambda-tools-defaults.json</c>: one handler, of the project it sits in.</summary>
        ToolsDefaults,

        /// <summary>A SAM / CloudFormation template: functions, their events and the resources around them.</summary>
        Template,

        /// <summary>A Serverless Framework <c>serverless.yml</c>: functions' handlers, events and failure settings.</summary>
        ServerlessFramework,
    }

    /// <summary>
    /// One deployment file read from AdditionalFiles: <c>aws-lambda-tools-defaults.json</c> (its
    /// <c>function-handler</c>), a SAM / CloudFormation template (<c>template.yaml</c>, <c>template.yml</c>,
    /// <c>serverless.template</c>) in YAML or JSON, short-form intrinsic tags included, or a Serverless
    /// Framework <c>serverless.yml</c> / <c>serverless.yaml</c> (its <c>functions</c>). Reading never throws:
    /// a file that cannot be read carries the reason and the line.
    /// </summary>
    internal sealed class DeploymentFile
    {
        private static readonly string[] TemplateNames = { "template.yaml", "template.yml", "serverless.template" };
        private static readonly string[] ServerlessFrameworkNames = { "serverless.yml", "serverless.yaml" };
        private const string ToolsDefaults = "aws-lambda-tools-defaults.json";

        private DeploymentFile(AdditionalText file, IReadOnlyList<DeployedFunction> functions, string? error, Location? errorLocation, SourceText? text = null, YamlMappingNode? resources = null)
        {
            File = file;
            Functions = functions;
            Error = error;
            ErrorLocation = errorLocation;
            Text = text;
            Resources = resources;
            Kind = KindOf(file.Path);
        }

        public DeploymentFileKind Kind { get; }

        private static DeploymentFileKind KindOf(string path)
        {
            var name = Path.GetFileName(path);
            return name.Equals(ToolsDefaults, StringComparison.OrdinalIgnoreCase) ? DeploymentFileKind.ToolsDefaults
                : ServerlessFrameworkNames.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase)) ? DeploymentFileKind.ServerlessFramework
                : DeploymentFileKind.Template;
        }

        public SourceText? Text { get; }

        /// <summary>The template's <c>Resources</c>, by logical ID.</summary>
        public YamlMappingNode? Resources { get; }

        public Location LocationOf(YamlNode node) => LocationOf(File, Text!, node);

        /// <summary>A resource's key (its logical ID, for locations) and body.</summary>
        public (YamlScalarNode Key, YamlMappingNode Body)? Resource(string? logicalId)
        {
            if (logicalId is null || Resources is null)
            {
                return null;
            }

            foreach (var entry in Resources.Children)
            {
                if (entry.Key is YamlScalarNode { Value: var id } key && id == logicalId && entry.Value is YamlMappingNode body)
                {
                    return (key, body);
                }
            }

            return null;
        }

        /// <summary>
        /// Whether a function's code is the project in <paramref name="projectDirectory"/>, so that its handler string
        /// must name this project's assembly: an <c>aws-lambda-tools-defaults.json</c> (it sits in the project it
        /// deploys), or a template function whose <c>CodeUri</c> (by default the template's folder) is that folder.
        /// A root template's functions point at other projects; a Serverless Framework file's packaging is not read.
        /// </summary>
        public bool DeploysProjectAt(DeployedFunction function, string? projectDirectory)
        {
            switch (Kind)
            {
                case DeploymentFileKind.ToolsDefaults:
                    return true;
                case DeploymentFileKind.Template when projectDirectory is not null && function.Property("Code") is null:
                    var codeUri = function.Property("CodeUri");
                    if (codeUri is not null && codeUri is not YamlScalarNode { Tag.IsEmpty: true })
                    {
                        return false; // an S3 location or an intrinsic function
                    }

                    var relative = (codeUri as YamlScalarNode)?.Value ?? string.Empty;
                    if (relative.Contains("://"))
                    {
                        return false;
                    }

                    return SamePath(Combine(Path.GetDirectoryName(File.Path) ?? string.Empty, relative), projectDirectory);
                default:
                    return false;
            }
        }

        /// <summary>A relative path resolved against a folder, <c>.</c> and <c>..</c> segments removed, without asking the file system.</summary>
        private static string Combine(string folder, string relative)
        {
            var segments = new List<string>();
            var rooted = Path.IsPathRooted(relative);
            foreach (var segment in (rooted ? relative : folder + "/" + relative).Split('/', '\\'))
            {
                if (segment == "..")
                {
                    if (segments.Count > 0 && segments[segments.Count - 1].Length > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }
                }
                else if (segment != "." && (segment.Length > 0 || segments.Count == 0))
                {
                    segments.Add(segment);
                }
            }

            return string.Join("/", segments);
        }

        private static bool SamePath(string a, string b)
            => string.Equals(Combine(a, string.Empty).TrimEnd('/'), Combine(b, string.Empty).TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

        /// <summary>The <c>AWS::SQS::Queue</c> resource an SQS event reads from, when the template declares it.</summary>
        public (YamlScalarNode Key, YamlMappingNode Body)? QueueOf(DeployedEvent sqsEvent)
            => Resource(ReferencedId(Child(sqsEvent.Properties, "Queue"))) is { } queue && (Child(queue.Body, "Type") as YamlScalarNode)?.Value == "AWS::SQS::Queue"
                ? queue
                : null;

        /// <summary>A property of a resource's <c>Properties</c>.</summary>
        public static YamlNode? PropertyOf(YamlMappingNode resource, string name) => Child(Child(resource, "Properties") as YamlMappingNode, name);

        /// <summary>
        /// Whether failed asynchronous invocations of the function reach an on-failure destination: set on the
        /// function (or Globals), or in an <c>AWS::Lambda::EventInvokeConfig</c> resource that names it; in a
        /// Serverless Framework file, the function's (or provider's) <c>destinations.onFailure</c>.
        /// </summary>
        public bool HasOnFailureDestination(DeployedFunction function)
        {
            static bool OnFailure(YamlNode? config)
                => Child(Child(config as YamlMappingNode, "DestinationConfig") as YamlMappingNode, "OnFailure") is not null;

            if (OnFailure(function.Property("EventInvokeConfig")))
            {
                return true;
            }

            if (Kind == DeploymentFileKind.ServerlessFramework && Child(function.Property("destinations") as YamlMappingNode, "onFailure") is not null)
            {
                return true;
            }

            // The framework names a function's resource itself ('orders' becomes OrdersLambdaFunction): in a
            // serverless.yml, any on-failure configuration among its extra resources may be this function's.
            return Resources?.Children.Values.OfType<YamlMappingNode>().Any(resource =>
                (Child(resource, "Type") as YamlScalarNode)?.Value == "AWS::Lambda::EventInvokeConfig"
                && Child(resource, "Properties") is YamlMappingNode properties
                && (Kind == DeploymentFileKind.ServerlessFramework || ReferencedId(Child(properties, "FunctionName")) == function.LogicalId)
                && OnFailure(properties)) ?? false;
        }

        /// <summary>The logical ID a reference names: <c>!GetAtt Queue.Arn</c>, <c>!Ref Queue</c>, <c>{ "Fn::GetAtt": ["Queue", "Arn"] }</c>, <c>{ "Ref": "Queue" }</c>.</summary>
        public static string? ReferencedId(YamlNode? node)
        {
            switch (node)
            {
                case YamlScalarNode { Tag: var tag, Value: { } value } when !tag.IsEmpty && (tag.Value == "!GetAtt" || tag.Value == "!Ref"):
                    return value.Split('.')[0];
                case YamlSequenceNode { Tag: var tag } sequence when !tag.IsEmpty && tag.Value == "!GetAtt" && sequence.Children.Count > 0:
                    return (sequence.Children[0] as YamlScalarNode)?.Value;
                case YamlMappingNode mapping:
                    if (Child(mapping, "Ref") is YamlScalarNode reference)
                    {
                        return reference.Value;
                    }

                    return Child(mapping, "Fn::GetAtt") switch
                    {
                        YamlSequenceNode { Children.Count: > 0 } attribute => (attribute.Children[0] as YamlScalarNode)?.Value,
                        YamlScalarNode attribute => attribute.Value?.Split('.')[0],
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        public AdditionalText File { get; }

        public IReadOnlyList<DeployedFunction> Functions { get; }

        public string? Error { get; }

        public Location? ErrorLocation { get; }

        public static bool IsDeploymentFile(AdditionalText file)
        {
            var name = Path.GetFileName(file.Path);
            return name.Equals(ToolsDefaults, StringComparison.OrdinalIgnoreCase)
                || TemplateNames.Any(t => name.Equals(t, StringComparison.OrdinalIgnoreCase))
                || ServerlessFrameworkNames.Any(t => name.Equals(t, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// The deployment files among the AdditionalFiles, each read once. A file in the project folder (or any
        /// file, when the project's folder is not known) is the project's: all of it applies. A template outside
        /// the project folder (the package adds the nearest one above it, as a solution-level SAM template) is
        /// shared with other projects: only its functions whose <c>CodeUri</c> is this project's folder apply, and
        /// it is left out entirely when it has none or cannot be read (its other functions, and its syntax, are
        /// the business of the projects it deploys, or of none).
        /// </summary>
        public static System.Collections.Immutable.ImmutableArray<DeploymentFile> ReadAll(Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options, CancellationToken cancellationToken)
        {
            options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.projectdir", out var projectDirectory);
            var files = System.Collections.Immutable.ImmutableArray.CreateBuilder<DeploymentFile>();
            foreach (var additional in options.AdditionalFiles)
            {
                if (!IsDeploymentFile(additional))
                {
                    continue;
                }

                var file = Read(additional, cancellationToken);
                if (string.IsNullOrEmpty(projectDirectory) || SamePath(Path.GetDirectoryName(additional.Path) ?? string.Empty, projectDirectory!))
                {
                    files.Add(file);
                    continue;
                }

                if (file.Error is null && file.Kind == DeploymentFileKind.Template)
                {
                    var own = file.Functions.Where(f => file.DeploysProjectAt(f, projectDirectory)).ToList();
                    if (own.Count > 0)
                    {
                        files.Add(new DeploymentFile(file.File, own, null, null, file.Text, file.Resources));
                    }
                }
            }

            return files.ToImmutable();
        }

        public static DeploymentFile Read(AdditionalText file, CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken);
            if (text is null || text.Length == 0 || string.IsNullOrWhiteSpace(text.ToString()))
            {
                return Failed(file, text, "the file is empty", 1, 1);
            }

            YamlNode root;
            var scanner = new Scanner(new StringReader(text.ToString()));
            var parser = new TrackingParser(new Parser(scanner));
            try
            {
                var stream = new YamlStream();
                stream.Load(parser);
                if (stream.Documents.Count == 0)
                {
                    return Failed(file, text, "the file holds no document", 1, 1);
                }

                root = stream.Documents[0].RootNode;
            }
            catch (YamlException exception)
            {
                // An alias to an unknown anchor is found after the document is read, and raised with an empty mark.
                var mark = exception is AnchorNotFoundException ? FirstUnknownAlias(text.ToString()) ?? exception.Start : exception.Start;
                return Failed(file, text, Reason(exception), (int)mark.Line, (int)mark.Column);
            }
            catch (InvalidOperationException) when (scanner.CurrentPosition is var position && position.Index > 0)
            {
                // YamlDotNet's scanner throws a bare InvalidOperationException (no message of its own) when a plain
                // scalar inside a flow collection continues on a line indented less than the collection's block:
                // an unclosed '{' or '[' followed by the rest of the file.
                return Failed(file, text, "While scanning a plain scalar inside a flow collection, found a line indented less than the block that holds the collection (is a '}' or ']' missing?)", (int)position.Line, (int)position.Column);
            }
            catch (ArgumentException) when (parser.Previous is { } previous)
            {
                // The representation model refuses an event where a node should be: the parser closed a mapping
                // right after a key, which is what a line that starts with ':' (an empty key) gives.
                return Failed(file, text, $"While loading a mapping, found {Describe(parser.Current)} where the value of the key at this point should be", (int)previous.Start.Line, (int)previous.Start.Column);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Any other failure of the parser on malformed input: the file is unreadable all the same, and
                // the last position the parser reached is the nearest place to look.
                var mark = parser.Current?.Start ?? scanner.CurrentPosition;
                return Failed(file, text, "the YAML parser could not read past this point", (int)mark.Line, (int)mark.Column);
            }

            if (root is not YamlMappingNode mapping)
            {
                return Failed(file, text, "the top level is not a mapping of keys to values", (int)root.Start.Line, (int)root.Start.Column);
            }

            var functions = KindOf(file.Path) switch
            {
                DeploymentFileKind.ToolsDefaults => ReadToolsDefaults(file, text, mapping),
                DeploymentFileKind.ServerlessFramework => ReadServerlessFramework(file, text, mapping),
                _ => ReadTemplate(file, text, mapping),
            };
            // A serverless.yml keeps its extra CloudFormation resources under resources.Resources.
            var resources = KindOf(file.Path) == DeploymentFileKind.ServerlessFramework
                ? Child(Child(mapping, "resources") as YamlMappingNode, "Resources")
                : Child(mapping, "Resources");
            return new DeploymentFile(file, functions, null, null, text, resources as YamlMappingNode);
        }

        private static string Reason(Exception exception) => exception.Message.Replace("\r", " ").Replace("\n", " ").Trim().TrimEnd('.');

        private static IReadOnlyList<DeployedFunction> ReadToolsDefaults(AdditionalText file, SourceText text, YamlMappingNode root)
        {
            if (Child(root, "function-handler") is not YamlScalarNode handler)
            {
                return Array.Empty<DeployedFunction>();
            }

            var location = LocationOf(file, text, handler);
            return new[] { new DeployedFunction("function-handler", location, handler.Value, location, Scalar(root, "function-runtime"), Array.Empty<DeployedEvent>()) };
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
                var events = new List<DeployedEvent>();
                if (Child(properties, "Events") is YamlMappingNode eventMap)
                {
                    foreach (var @event in eventMap.Children)
                    {
                        if (@event.Key is YamlScalarNode { Value: { } eventName } eventKey && @event.Value is YamlMappingNode eventBody && Scalar(eventBody, "Type") is { } eventType)
                        {
                            events.Add(new DeployedEvent(eventName, eventType, LocationOf(file, text, eventKey), Child(eventBody, "Properties") as YamlMappingNode));
                        }
                    }
                }

                functions.Add(new DeployedFunction(
                    logicalId,
                    LocationOf(file, text, key),
                    handler?.Tag.IsEmpty == false ? null : handler?.Value,
                    handler is null ? null : LocationOf(file, text, handler),
                    runtime,
                    events,
                    properties,
                    globals));
            }

            return functions;
        }

        /// <summary>
        /// <c>functions.&lt;name&gt;.handler</c>, the runtime (the function's or <c>provider.runtime</c>), and the
        /// <c>events</c> list (<c>- sqs: ...</c>, <c>- http: ...</c>), each named by the event type the matching
        /// SAM event has, so that it gives the same trigger.
        /// </summary>
        private static IReadOnlyList<DeployedFunction> ReadServerlessFramework(AdditionalText file, SourceText text, YamlMappingNode root)
        {
            if (Child(root, "functions") is not YamlMappingNode functionMap)
            {
                return Array.Empty<DeployedFunction>();
            }

            var provider = Child(root, "provider") as YamlMappingNode;
            var providerRuntime = Scalar(provider, "runtime");
            var functions = new List<DeployedFunction>();
            foreach (var entry in functionMap.Children)
            {
                if (entry.Key is not YamlScalarNode { Value: { } name } key || entry.Value is not YamlMappingNode body)
                {
                    continue;
                }

                // `${self:custom.handler}`: a variable the framework resolves, not a handler string yet.
                var handler = Child(body, "handler") is YamlScalarNode { Value: { } value } scalar && !value.Contains("${") ? scalar : null;
                var events = new List<DeployedEvent>();
                if (Child(body, "events") is YamlSequenceNode eventList)
                {
                    foreach (var item in eventList.Children)
                    {
                        if (item is YamlMappingNode { Children.Count: 1 } @event
                            && @event.Children.First() is { Key: YamlScalarNode { Value: { } eventKind } eventKey } only
                            && ServerlessEventType(eventKind, only.Value) is { } eventType)
                        {
                            events.Add(new DeployedEvent(eventKind, eventType, LocationOf(file, text, eventKey), only.Value as YamlMappingNode));
                        }
                    }
                }

                functions.Add(new DeployedFunction(
                    name,
                    LocationOf(file, text, key),
                    handler?.Tag.IsEmpty == false ? null : handler?.Value,
                    handler is null ? null : LocationOf(file, text, handler),
                    Scalar(body, "runtime") ?? providerRuntime,
                    events,
                    body,
                    provider));
            }

            return functions;
        }

        /// <summary>The SAM event type of a Serverless Framework event, or null for one that says nothing about delivery.</summary>
        private static string? ServerlessEventType(string kind, YamlNode value) => kind switch
        {
            "sqs" => "SQS",
            "sns" => "SNS",
            "s3" or "existingS3" => "S3",
            "http" => "Api",
            "httpApi" => "HttpApi",
            "schedule" => "Schedule",
            "eventBridge" => "EventBridgeRule",
            "cloudwatchEvent" => "CloudWatchEvent",
            "cloudwatchLog" => "CloudWatchLogs",
            "iot" => "IoTRule",
            "cognitoUserPool" => "Cognito",
            "msk" => "MSK",
            "kafka" => "SelfManagedKafka",
            "stream" => StreamType(value),
            _ => null,
        };

        /// <summary><c>- stream: arn:aws:dynamodb:...</c> or <c>- stream: { type: dynamodb, arn: ... }</c>; Kinesis otherwise.</summary>
        private static string StreamType(YamlNode value)
        {
            var text = value switch
            {
                YamlScalarNode scalar => scalar.Value,
                YamlMappingNode mapping => Scalar(mapping, "type") ?? Scalar(mapping, "arn"),
                _ => null,
            };
            return text is not null && (text.Equals("dynamodb", StringComparison.OrdinalIgnoreCase) || text.Contains(":dynamodb:")) ? "DynamoDB" : "Kinesis";
        }

        internal static YamlNode? Child(YamlMappingNode? mapping, string key)
            => mapping is not null && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        internal static string? Scalar(YamlMappingNode? mapping, string key) => (Child(mapping, key) as YamlScalarNode)?.Value;

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

        /// <summary>A file that cannot be read: the diagnostic starts where the parser stopped and runs to the end of that line.</summary>
        private static DeploymentFile Failed(AdditionalText file, SourceText? text, string reason, int line, int column)
        {
            var location = text is null ? Location.Create(file.Path, default, default) : At(file, text, line, column, line, int.MaxValue / 2);
            return new DeploymentFile(file, Array.Empty<DeployedFunction>(), reason, location);
        }

        private static Mark? FirstUnknownAlias(string text)
        {
            var anchors = new HashSet<string>(StringComparer.Ordinal);
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                        return alias.Start;
                    case NodeEvent { Anchor.IsEmpty: false } node:
                        anchors.Add(node.Anchor.Value);
                        break;
                }
            }

            return null;
        }

        private static string Describe(ParsingEvent? parsingEvent) => parsingEvent switch
        {
            MappingEnd => "the end of the mapping",
            SequenceEnd => "the end of the sequence",
            DocumentEnd => "the end of the document",
            null => "the end of the file",
            _ => "an unexpected " + parsingEvent.GetType().Name,
        };

        /// <summary>The parser with the event read before the current one: where a loader that refuses an event went wrong.</summary>
        private sealed class TrackingParser : IParser
        {
            private readonly IParser _parser;

            public TrackingParser(IParser parser) => _parser = parser;

            public ParsingEvent? Current => _parser.Current;

            public ParsingEvent? Previous { get; private set; }

            public bool MoveNext()
            {
                Previous = _parser.Current ?? Previous;
                return _parser.MoveNext();
            }
        }
    }
}
