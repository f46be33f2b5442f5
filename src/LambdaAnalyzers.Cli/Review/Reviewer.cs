using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LambdaAnalyzers.Deployment;
using Microsoft.CodeAnalysis;
using YamlDotNet.RepresentationModel;

namespace LambdaAnalyzers.Cli.Review
{
    /// <summary>
    /// Turns a project's diagnostics into the review: each handler with its trigger, delivery and failure
    /// route, and each finding under the handler whose invocation reaches it. A helper shared by several
    /// handlers is listed under the first handler whose path reaches it; findings that belong to no handler
    /// (a credential in a settings class, a queue's visibility timeout) are listed for the project.
    /// </summary>
    internal sealed class Reviewer
    {
        private readonly string _baseDirectory;

        public Reviewer(string baseDirectory) => _baseDirectory = baseDirectory;

        public async Task<ProjectReview> ReviewAsync(Project project, Action<string> warn, CancellationToken cancellationToken)
        {
            var (compilation, diagnostics) = await ProjectAnalysis.RunAsync(project, warn, cancellationToken).ConfigureAwait(false);
            var lambda = LambdaCompilation.For(compilation, project.AnalyzerOptions);

            var misnamed = MisnamedFunctions(lambda, compilation);
            var findingsByHandler = new Dictionary<Handler, List<Finding>>();
            var models = new Dictionary<SyntaxTree, SemanticModel>();
            var other = new List<Finding>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.GetLineSpan().StartLinePosition.Line))
            {
                var finding = ToFinding(diagnostic);
                var handlers = HandlersOf(diagnostic.Location, compilation, lambda, models, misnamed).ToList();
                if (handlers.Count == 0)
                {
                    other.Add(finding);
                }

                foreach (var handler in handlers)
                {
                    if (!findingsByHandler.TryGetValue(handler, out var list))
                    {
                        findingsByHandler[handler] = list = new List<Finding>();
                    }

                    list.Add(finding);
                }
            }

            var handlerReviews = lambda.Handlers
                .Where(handler => FunctionOf(handler, lambda) == handler)
                .Select(handler => ReviewHandler(handler, lambda, misnamed, findingsByHandler.TryGetValue(handler, out var f) ? f : new List<Finding>(), cancellationToken))
                .OrderBy(h => h.Path, StringComparer.Ordinal)
                .ThenBy(h => h.Line)
                .ToList();
            var compilerErrors = compilation.GetDiagnostics(cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
            return new ProjectReview(project.Name, RelativePath(project.FilePath ?? project.Name), handlerReviews, other, compilerErrors);
        }

        private HandlerReview ReviewHandler(Handler handler, LambdaCompilation lambda, IReadOnlyDictionary<Handler, (DeployedFunction Function, DeploymentFile File)> misnamed, List<Finding> findings, CancellationToken cancellationToken)
        {
            var function = handler.Function;
            var file = function is null ? null : lambda.DeploymentFiles.FirstOrDefault(f => f.Functions.Contains(function));
            var trigger = handler.Trigger == Trigger.Unknown && function is not null ? function.Trigger : handler.Trigger;
            var location = handler.NameLocation(cancellationToken).GetLineSpan();
            string onFailure;
            string? deployedAs;
            if (function is null && misnamed.TryGetValue(handler, out var meant))
            {
                // The template means this handler but names it wrongly: the function fails before any code runs.
                onFailure = $"every invocation fails before this code runs: the handler string '{meant.Function.Handler}' of {meant.Function.LogicalId} in {RelativePath(meant.File.File.Path)} does not resolve (LAM401)";
                deployedAs = $"{RelativePath(meant.File.File.Path)}: {meant.Function.LogicalId} (handler string does not resolve)";
            }
            else
            {
                var deploymentFiles = lambda.DeploymentFiles.Where(f => f.Error is null).Select(f => RelativePath(f.File.Path)).ToList();
                var unreadableFiles = lambda.DeploymentFiles.Where(f => f.Error is not null).Select(f => RelativePath(f.File.Path)).ToList();
                onFailure = DeliverySemantics.OnFailure(trigger, function, file, deploymentFiles, unreadableFiles);
                deployedAs = function is null || file is null ? null : $"{RelativePath(file.File.Path)}: {function.LogicalId}";
            }

            return new HandlerReview(
                handler.Name,
                RelativePath(location.Path),
                location.StartLinePosition.Line + 1,
                DeliverySemantics.TriggerName(trigger),
                DeliverySemantics.Delivery(trigger),
                onFailure,
                deployedAs,
                Checklist.Concerns.Select(c => Checklist.Answer(c, trigger, findings)).ToList());
        }

        /// <summary>The function a handler's findings belong to: its own, or its calling handler's for a context helper.</summary>
        private static Handler FunctionOf(Handler handler, LambdaCompilation lambda) => lambda.PathTo(handler.Method)?.Handler ?? handler;

        /// <summary>
        /// The functions whose handler string does not resolve, by the handler each most likely meant (the
        /// nearest type or method name LAM401 suggests), when that method is a handler no function deploys.
        /// </summary>
        private static IReadOnlyDictionary<Handler, (DeployedFunction Function, DeploymentFile File)> MisnamedFunctions(LambdaCompilation lambda, Compilation compilation)
        {
            var misnamed = new Dictionary<Handler, (DeployedFunction, DeploymentFile)>();
            foreach (var file in lambda.DeploymentFiles)
            {
                foreach (var function in file.Functions)
                {
                    if (HandlerStringHint.IntendedMethod(function, compilation) is { } method
                        && lambda.PathTo(method)?.Handler is { Function: null } undeployed
                        && !misnamed.ContainsKey(undeployed))
                    {
                        misnamed[undeployed] = (function, file);
                    }
                }
            }

            return misnamed;
        }

        /// <summary>The handlers a diagnostic belongs to: by the code's enclosing method, or by the template's function block.</summary>
        private static IEnumerable<Handler> HandlersOf(Location location, Compilation compilation, LambdaCompilation lambda, Dictionary<SyntaxTree, SemanticModel> models, IReadOnlyDictionary<Handler, (DeployedFunction Function, DeploymentFile File)> misnamed)
        {
            if (location.IsInSource && location.SourceTree is { } tree && compilation.ContainsSyntaxTree(tree))
            {
                if (!models.TryGetValue(tree, out var model))
                {
                    models[tree] = model = compilation.GetSemanticModel(tree);
                }

                for (var symbol = model.GetEnclosingSymbol(location.SourceSpan.Start); symbol is not null; symbol = symbol.ContainingSymbol)
                {
                    if (symbol is IMethodSymbol method && lambda.PathTo(method) is { } path)
                    {
                        return new[] { path.Handler };
                    }

                    // An instance field initializer runs with each constructor of its type.
                    if (symbol is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false }
                        && symbol.ContainingType.InstanceConstructors.Select(c => lambda.PathTo(c)?.Handler).FirstOrDefault(h => h is not null) is { } constructedBy)
                    {
                        return new[] { constructedBy };
                    }

                    if (symbol is INamedTypeSymbol type)
                    {
                        return lambda.Handlers.Where(h => SymbolEqualityComparer.Default.Equals(h.Method.ContainingType, type)).Select(h => FunctionOf(h, lambda)).Take(1);
                    }
                }

                return Enumerable.Empty<Handler>();
            }

            if (location.Kind == LocationKind.ExternalFile)
            {
                var span = location.GetLineSpan();
                var file = lambda.DeploymentFiles.FirstOrDefault(f => f.File.Path == span.Path);
                var function = file is null ? null : FunctionAt(file, span.StartLinePosition.Line);
                if (function is not null)
                {
                    var deployed = lambda.Handlers.Where(h => h.Function == function).ToList();
                    return deployed.Count > 0 ? deployed : misnamed.Where(m => m.Value.Function == function).Select(m => m.Key);
                }
            }

            return Enumerable.Empty<Handler>();
        }

        /// <summary>
        /// The function a (0-based) line of a template belongs to: the function whose resource block holds it
        /// (from its logical ID to the next resource's), or the function whose event reads from the resource
        /// (a queue's VisibilityTimeout is about the function that polls it).
        /// </summary>
        private static DeployedFunction? FunctionAt(DeploymentFile file, int line)
        {
            if (file.Resources is null)
            {
                return file.Functions.Count == 1 ? file.Functions[0] : null;
            }

            var keys = file.Resources.Children.Keys.OfType<YamlScalarNode>().OrderBy(k => k.Start.Line).ToList();
            var resource = keys.LastOrDefault(k => (int)k.Start.Line - 1 <= line)?.Value;
            return file.Functions.FirstOrDefault(f => f.LogicalId == resource)
                ?? file.Functions.FirstOrDefault(f => f.Events.Any(e => e.Properties?.Children.Values.Any(v => DeploymentFile.ReferencedId(v) == resource) ?? false));
        }

        private Finding ToFinding(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            var path = span.IsValid ? RelativePath(span.Path) : string.Empty;
            return new Finding(
                diagnostic.Id,
                diagnostic.Descriptor.Title.ToString(),
                diagnostic.Severity,
                diagnostic.GetMessage(),
                path,
                span.StartLinePosition.Line + 1,
                span.StartLinePosition.Character + 1,
                span.EndLinePosition.Line + 1,
                span.EndLinePosition.Character + 1,
                diagnostic.Descriptor.HelpLinkUri);
        }

        private string RelativePath(string path)
        {
            if (string.IsNullOrEmpty(path) || !Path.IsPathRooted(path))
            {
                return path;
            }

            var relative = Path.GetRelativePath(_baseDirectory, path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
        }
    }
}
