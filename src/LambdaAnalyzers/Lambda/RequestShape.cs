using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers
{
    /// <summary>
    /// What an AWS SDK request object is set to, when it is built in the same body as the call: the
    /// object initializer's assignments plus later <c>request.Property = value</c> statements. Unknown
    /// (null) when the request comes from elsewhere, so rules that need it stay silent.
    /// </summary>
    internal sealed class RequestShape
    {
        private readonly Dictionary<string, List<IOperation>> _values;

        private RequestShape(Dictionary<string, List<IOperation>> values) => _values = values;

        public static RequestShape? Of(IOperation request)
        {
            request = request.WithoutConversions();
            var body = request.Root();
            var values = new Dictionary<string, List<IOperation>>();
            IObjectCreationOperation? creation = request as IObjectCreationOperation;
            ILocalSymbol? local = null;
            if (request is ILocalReferenceOperation reference)
            {
                local = reference.Local;
                creation = body.Descendants().OfType<IVariableDeclaratorOperation>()
                    .Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))
                    .Select(d => d.GetVariableInitializer()?.Value.WithoutConversions())
                    .OfType<IObjectCreationOperation>()
                    .FirstOrDefault();
            }

            if (creation is null)
            {
                return null;
            }

            foreach (var assignment in (creation.Initializer?.Initializers ?? default).OfType<ISimpleAssignmentOperation>())
            {
                Add(values, assignment);
            }

            if (local is not null)
            {
                foreach (var assignment in body.Descendants().OfType<ISimpleAssignmentOperation>())
                {
                    if (assignment.Target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation target }
                        && SymbolEqualityComparer.Default.Equals(target.Local, local))
                    {
                        Add(values, assignment);
                    }
                }
            }

            return new RequestShape(values);
        }

        public bool Has(string property) => _values.ContainsKey(property);

        public IReadOnlyList<IOperation> ValuesOf(string property)
            => _values.TryGetValue(property, out var values) ? values : (IReadOnlyList<IOperation>)System.Array.Empty<IOperation>();

        /// <summary>The constant string a property is set to, when every assignment is the same constant.</summary>
        public string? ConstantOf(string property)
        {
            var constants = ValuesOf(property).Select(v => v.WithoutConversions().ConstantValue).ToList();
            return constants.Count > 0 && constants.All(c => c.HasValue && c.Value is string) && constants.Select(c => (string)c.Value!).Distinct().Count() == 1
                ? (string)constants[0].Value!
                : null;
        }

        private static void Add(Dictionary<string, List<IOperation>> values, ISimpleAssignmentOperation assignment)
        {
            if (assignment.Target is IPropertyReferenceOperation property)
            {
                if (!values.TryGetValue(property.Property.Name, out var list))
                {
                    values[property.Property.Name] = list = new List<IOperation>();
                }

                list.Add(assignment.Value);
            }
        }
    }

    internal static class OperationExtensions
    {
        public static IOperation WithoutConversions(this IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The field or property a reference names, or null for anything else.</summary>
        public static ISymbol? ReferencedMember(this IOperation operation) => operation switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        public static IEnumerable<IOperation> Ancestors(this IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                yield return parent;
            }
        }

        public static IOperation Root(this IOperation operation)
        {
            while (operation.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }
    }
}
