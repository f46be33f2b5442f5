using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Simulator;

/// <summary>
/// The .NET Lambda runtime would refuse to load this handler. The message gives the runtime's reason; the
/// analyzers report the same reasons at build time (LAM306, LAM401).
/// </summary>
public sealed class HandlerLoadException : Exception
{
    /// <summary>Creates the exception with the runtime's reason.</summary>
    public HandlerLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the runtime's reason and what caused it.</summary>
    public HandlerLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public sealed partial class Simulation
{
    /// <summary>
    /// Adds a function whose handler is your own method <paramref name="method"/> of <typeparamref name="THandler"/>, loaded
    /// and called the way the .NET Lambda runtime does: one handler instance per execution environment, created at its
    /// cold start; the event serialised to JSON and given to the handler through its <c>[LambdaSerializer]</c>; the response
    /// serialised back (an SQS or stream partial batch response becomes a <see cref="BatchResponse"/>).
    /// </summary>
    /// <typeparam name="THandler">The handler class.</typeparam>
    /// <param name="method">The handler method's name: <c>nameof(MyHandler.Handle)</c>.</param>
    /// <param name="config">Timeout, concurrency, async settings; Lambda's defaults when null.</param>
    /// <param name="create">
    /// Creates the handler instance, once per environment, in place of its public parameterless constructor: the place
    /// to pass your fakes of AWS clients. Null: the runtime's way, the parameterless constructor.
    /// </param>
    /// <param name="name">The function's name in records and metrics; the type's name when null.</param>
    /// <exception cref="HandlerLoadException">The runtime would refuse the handler (the message says why).</exception>
    public LambdaFunction AddFunction<THandler>(string method, FunctionConfig? config = null, Func<THandler>? create = null, string? name = null)
        where THandler : class
        => AddFunction(typeof(THandler), method, config, create, name);

    /// <summary>
    /// Adds a function whose handler is <paramref name="method"/> of <paramref name="handlerType"/> (a static class too),
    /// loaded and called as <see cref="AddFunction{THandler}"/> describes.
    /// </summary>
    /// <param name="handlerType">The type declaring (or inheriting) the handler method.</param>
    /// <param name="method">The handler method's name.</param>
    /// <param name="config">Timeout, concurrency, async settings; Lambda's defaults when null.</param>
    /// <param name="create">Creates the handler instance once per environment; null: its public parameterless constructor.</param>
    /// <param name="name">The function's name in records and metrics; the type's name when null.</param>
    /// <exception cref="HandlerLoadException">The runtime would refuse the handler (the message says why).</exception>
    public LambdaFunction AddFunction(Type handlerType, string method, FunctionConfig? config = null, Func<object>? create = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(handlerType);
        ArgumentNullException.ThrowIfNull(method);
        var host = HostedHandler.Load(handlerType, method, create);
        LambdaFunction? function = null;
        function = AddFunction(
            name ?? handlerType.Name,
            (input, context) => host.Invoke(input, context, function!),
            config,
            context => host.Initialize(context));
        return function;
    }

    /// <summary>
    /// Adds a function from a .NET handler string, <c>Assembly::Namespace.Type::Method</c>, resolved the way the runtime
    /// resolves it: the assembly by name (already loaded, or next to the application), the type by full name (nested types
    /// with <c>+</c>), the method by name on the type or a base type. Then as <see cref="AddFunction{THandler}"/>.
    /// </summary>
    /// <param name="handler">The handler string, as in <c>aws-lambda-tools-defaults.json</c> or a template's <c>Handler</c>.</param>
    /// <param name="config">Timeout, concurrency, async settings; Lambda's defaults when null.</param>
    /// <param name="name">The function's name in records and metrics; the handler string when null.</param>
    /// <exception cref="HandlerLoadException">The string does not resolve, or the runtime would refuse the handler.</exception>
    public LambdaFunction AddFunction(string handler, FunctionConfig? config = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parts = handler.Split("::");
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new HandlerLoadException($"Invalid handler '{handler}': a .NET handler string has the form 'Assembly::Namespace.Type::Method'.");
        }

        Assembly assembly;
        try
        {
            assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == parts[0])
                ?? Assembly.Load(new AssemblyName(parts[0]));
        }
        catch (Exception exception) when (exception is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new HandlerLoadException($"Could not load assembly '{parts[0]}' named by handler '{handler}'.", exception);
        }

        var type = assembly.GetType(parts[1], throwOnError: false)
            ?? throw new HandlerLoadException($"Unable to load type '{parts[1]}' from assembly '{parts[0]}' (handler '{handler}').");
        return AddFunction(type, parts[2], config, create: null, name ?? handler);
    }
}

/// <summary>A user's handler method, checked and bound once, then called per invocation as the runtime calls it.</summary>
internal sealed class HostedHandler
{
    private const string ContextTypeName = "Amazon.Lambda.Core.ILambdaContext";
    private const string SerializerAttributeName = "Amazon.Lambda.Core.LambdaSerializerAttribute";

    private readonly Type _type;
    private readonly MethodInfo _method;
    private readonly Func<object>? _create;
    private readonly Type? _inputType;
    private readonly Type? _contextType;
    private readonly int _contextIndex;
    private readonly Type? _outputType;
    private readonly object? _serializer;
    private readonly MethodInfo? _deserialize;
    private readonly MethodInfo? _serialize;
    private readonly int _parameterCount;

    private HostedHandler(Type type, MethodInfo method, Func<object>? create, Type? inputType, Type? contextType, int contextIndex, Type? outputType, object? serializer)
    {
        _type = type;
        _method = method;
        _create = create;
        _inputType = inputType;
        _contextType = contextType;
        _contextIndex = contextIndex;
        _outputType = outputType;
        _serializer = serializer;
        _parameterCount = method.GetParameters().Length;
        if (serializer is not null)
        {
            var serializerType = serializer.GetType();
            if (inputType is not null && inputType != typeof(Stream))
            {
                _deserialize = FindGeneric(serializerType, "Deserialize")?.MakeGenericMethod(inputType);
            }

            if (outputType is not null && outputType != typeof(Stream))
            {
                _serialize = FindGeneric(serializerType, "Serialize")?.MakeGenericMethod(outputType);
            }
        }
    }

    /// <summary>The runtime's load-time checks (what LAM306 and LAM401 report at build time), then the serializer.</summary>
    public static HostedHandler Load(Type type, string methodName, Func<object>? create)
    {
        var assemblyName = type.Assembly.GetName().Name;
        var candidates = new List<MethodInfo>();
        for (var current = type; current is not null; current = current.BaseType)
        {
            candidates.AddRange(current
                .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.Name == methodName));
            if (candidates.Count > 0)
            {
                break;
            }
        }

        var handler = $"{assemblyName}::{type.FullName}::{methodName}";
        if (candidates.Count == 0)
        {
            throw new HandlerLoadException($"Unable to find method '{methodName}' in type '{type.FullName}' from assembly '{assemblyName}' (handler '{handler}').");
        }

        if (candidates.Count > 1)
        {
            throw new HandlerLoadException($"The handler '{handler}' names {candidates.Count} overloads of '{methodName}'; the runtime refuses a method name it cannot resolve to a single method.");
        }

        var method = candidates[0];
        if (type.ContainsGenericParameters)
        {
            throw new HandlerLoadException($"Handler type '{type.FullName}' is generic; the runtime cannot construct it (handler '{handler}').");
        }

        if (method.IsGenericMethodDefinition)
        {
            throw new HandlerLoadException($"Handler method '{methodName}' is generic; the runtime cannot call it (handler '{handler}').");
        }

        if (method.IsAbstract)
        {
            throw new HandlerLoadException($"Handler method '{methodName}' is abstract (handler '{handler}').");
        }

        var parameters = method.GetParameters();
        if (parameters.Length > 2)
        {
            throw new HandlerLoadException($"Handler method '{methodName}' has more than 2 parameters; the runtime passes at most the input and an ILambdaContext (handler '{handler}').");
        }

        if (parameters.Any(p => p.GetCustomAttributes(typeof(ParamArrayAttribute), false).Length > 0))
        {
            throw new HandlerLoadException($"Handler method '{methodName}' has a params parameter (handler '{handler}').");
        }

        if (parameters.Length == 2 && parameters[1].ParameterType.FullName != ContextTypeName)
        {
            throw new HandlerLoadException($"The second parameter of handler method '{methodName}' is '{parameters[1].ParameterType.FullName}'; it must be {ContextTypeName} (handler '{handler}').");
        }

        Type? inputType = null;
        Type? contextType = null;
        var contextIndex = -1;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameterType = parameters[i].ParameterType;
            if (parameterType.FullName == ContextTypeName)
            {
                contextType = parameterType;
                contextIndex = i;
            }
            else
            {
                inputType = parameterType;
            }
        }

        var outputType = OutputType(method.ReturnType);
        object? serializer = null;
        var needsSerializer = (inputType is not null && inputType != typeof(Stream)) || (outputType is not null && outputType != typeof(Stream));
        if (needsSerializer)
        {
            var serializerType = SerializerType(method) ?? SerializerType(method.Module.Assembly)
                ?? throw new HandlerLoadException($"Could not find the LambdaSerializerAttribute on the assembly '{assemblyName}' or method '{methodName}' while attempting to load handler '{handler}': its input or output is not a Stream, so it needs a serializer.");
            try
            {
                serializer = Activator.CreateInstance(serializerType)!;
            }
            catch (Exception exception) when (exception is MissingMethodException or TargetInvocationException or MemberAccessException)
            {
                throw new HandlerLoadException($"Could not create the serializer '{serializerType.FullName}' named by [LambdaSerializer] (handler '{handler}').", exception);
            }
        }

        if (!method.IsStatic && create is null)
        {
            if (type.IsAbstract)
            {
                throw new HandlerLoadException($"Handler type '{type.FullName}' is abstract; the runtime cannot create an instance for the instance method '{methodName}' (handler '{handler}').");
            }

            if (type.GetConstructor(Type.EmptyTypes) is not { IsPublic: true })
            {
                throw new HandlerLoadException($"Handler type '{type.FullName}' has no public parameterless constructor; the runtime cannot create an instance for the instance method '{methodName}' (handler '{handler}').");
            }
        }

        var host = new HostedHandler(type, method, create, inputType, contextType, contextIndex, outputType, serializer);
        if (serializer is not null && ((inputType is not null && inputType != typeof(Stream) && host._deserialize is null) || (outputType is not null && outputType != typeof(Stream) && host._serialize is null)))
        {
            throw new HandlerLoadException($"The serializer '{serializer.GetType().FullName}' has no Deserialize<T>(Stream) / Serialize<T>(T, Stream) (handler '{handler}').");
        }

        return host;
    }

    /// <summary>The environment's init: the static constructor, then the handler instance (what the runtime does before the first invocation).</summary>
    public void Initialize(InitContext context)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(_type.TypeHandle);
        if (_method.IsStatic)
        {
            return;
        }

        try
        {
            context.Environment.HandlerInstance = _create is not null ? _create() : Activator.CreateInstance(_type)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
        }
    }

    public object? Invoke(object? input, InvocationContext context, LambdaFunction function)
    {
        var arguments = new object?[_parameterCount];
        if (_inputType is not null)
        {
            var json = EventJson.Serialize(input);
            if (_inputType == typeof(Stream))
            {
                arguments[_contextIndex == 0 ? 1 : 0] = new MemoryStream(json);
            }
            else
            {
                using var stream = new MemoryStream(json);
                arguments[_contextIndex == 0 ? 1 : 0] = Call(_deserialize!, _serializer, new object[] { stream });
            }
        }

        if (_contextType is not null)
        {
            arguments[_contextIndex] = LambdaContextProxy.Create(_contextType, context, function);
        }

        var instance = _method.IsStatic ? null : context.Environment.HandlerInstance;
        var result = Call(_method, instance, arguments);
        if (result is Task task)
        {
            // The simulation is single-threaded and virtual: wait for the handler here, as the runtime awaits it.
            task.GetAwaiter().GetResult();
            result = _method.ReturnType.IsGenericType ? _method.ReturnType.GetProperty("Result")!.GetValue(task) : null;
        }

        if (_outputType is null)
        {
            return null;
        }

        byte[] response;
        if (result is Stream output)
        {
            using var copy = new MemoryStream();
            output.CopyTo(copy);
            response = copy.ToArray();
        }
        else
        {
            using var buffer = new MemoryStream();
            Call(_serialize!, _serializer, new[] { result, buffer });
            response = buffer.ToArray();
        }

        return EventJson.ReadResponse(response);
    }

    private static object? Call(MethodInfo method, object? target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            // The handler's own exception, as the runtime reports it, not reflection's wrapper.
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    private static Type? OutputType(Type returnType)
    {
        if (returnType == typeof(void) || returnType == typeof(Task))
        {
            return null;
        }

        return returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>) ? returnType.GetGenericArguments()[0] : returnType;
    }

    private static Type? SerializerType(ICustomAttributeProvider provider)
        => provider.GetCustomAttributes(false)
            .Where(a => a.GetType().FullName == SerializerAttributeName)
            .Select(a => a.GetType().GetProperty("SerializerType")?.GetValue(a) as Type)
            .FirstOrDefault(t => t is not null);

    private static MethodInfo? FindGeneric(Type serializerType, string name)
        => serializerType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == name && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1);
}

/// <summary>An <c>ILambdaContext</c> (and its <c>ILambdaLogger</c>) built at run time over the simulator's context, so the simulator needs no reference to Amazon.Lambda.Core.</summary>
internal class LambdaContextProxy : DispatchProxy
{
    private InvocationContext? _context;
    private LambdaFunction? _function;

    internal static object Create(Type contextInterface, InvocationContext context, LambdaFunction function)
    {
        var proxy = DispatchProxy.Create(contextInterface, typeof(LambdaContextProxy));
        var self = (LambdaContextProxy)proxy;
        self._context = context;
        self._function = function;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var context = _context!;
        var function = _function!;
        return targetMethod?.Name switch
        {
            "get_AwsRequestId" => context.RequestId,
            "get_FunctionName" => function.Name,
            "get_FunctionVersion" => "$LATEST",
            "get_InvokedFunctionArn" => "arn:aws:lambda:us-east-1:123456789012:function:" + function.Name,
            "get_LogGroupName" => "/aws/lambda/" + function.Name,
            "get_LogStreamName" => "environment-" + context.Environment.Id,
            "get_MemoryLimitInMB" => function.Config.MemoryMb,
            "get_RemainingTime" => context.RemainingTime,
            "get_Logger" => LambdaLoggerProxy.Create(targetMethod.ReturnType, context),
            _ => targetMethod is { ReturnType.IsValueType: true } method && method.ReturnType != typeof(void) ? Activator.CreateInstance(method.ReturnType) : null,
        };
    }
}

/// <summary>An <c>ILambdaLogger</c>: every line is counted under <see cref="Metrics.LogLines"/>.</summary>
internal class LambdaLoggerProxy : DispatchProxy
{
    private InvocationContext? _context;

    internal static object Create(Type loggerInterface, InvocationContext context)
    {
        var proxy = DispatchProxy.Create(loggerInterface, typeof(LambdaLoggerProxy));
        ((LambdaLoggerProxy)proxy)._context = context;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name.StartsWith("Log", StringComparison.Ordinal) == true)
        {
            _context!.Count(Metrics.LogLines);
        }

        return null;
    }
}
