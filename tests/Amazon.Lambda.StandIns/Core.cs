using System;
using System.IO;

namespace Amazon.Lambda.Core
{
    public interface ILambdaContext
    {
        string AwsRequestId { get; }
        IClientContext ClientContext { get; }
        string FunctionName { get; }
        string FunctionVersion { get; }
        ICognitoIdentity Identity { get; }
        string InvokedFunctionArn { get; }
        ILambdaLogger Logger { get; }
        string LogGroupName { get; }
        string LogStreamName { get; }
        int MemoryLimitInMB { get; }
        TimeSpan RemainingTime { get; }
    }

    public interface IClientContext
    {
        System.Collections.Generic.IDictionary<string, string> Environment { get; }
        System.Collections.Generic.IDictionary<string, string> Custom { get; }
    }

    public interface ICognitoIdentity
    {
        string IdentityId { get; }
        string IdentityPoolId { get; }
    }

    public interface ILambdaLogger
    {
        void Log(string message);
        void LogLine(string message);
        void Log(string level, string message) => LogLine(message);
        void LogTrace(string message) => Log("Trace", message);
        void LogDebug(string message) => Log("Debug", message);
        void LogInformation(string message) => Log("Information", message);
        void LogWarning(string message) => Log("Warning", message);
        void LogError(string message) => Log("Error", message);
        void LogCritical(string message) => Log("Critical", message);
    }

    public static class LambdaLogger
    {
        public static void Log(string message) => Console.Write(message);
    }

    public interface ILambdaSerializer
    {
        T Deserialize<T>(Stream requestStream);
        void Serialize<T>(T response, Stream responseStream);
    }

    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method, AllowMultiple = false)]
    public sealed class LambdaSerializerAttribute : Attribute
    {
        public LambdaSerializerAttribute(Type serializerType) => SerializerType = serializerType;
        public Type SerializerType { get; set; }
    }
}
