using System;
using System.Collections.Generic;

// Stands in for AWS.Lambda.Powertools.Logging, .Metrics and .Tracing (not served by the mirror): the
// attributes and static entry points handlers write against, with the real packages' names.
namespace AWS.Lambda.Powertools.Logging
{
    public enum LoggerOutputCase { Default, CamelCase, PascalCase, SnakeCase }

    [AttributeUsage(AttributeTargets.Method)]
    public class LoggingAttribute : Attribute
    {
        public string? Service { get; set; }
        public bool LogEvent { get; set; }
        public string? CorrelationIdPath { get; set; }
        public bool ClearState { get; set; }
        public double SamplingRate { get; set; }
        public LoggerOutputCase LoggerOutputCase { get; set; }
        public Microsoft.Extensions.Logging.LogLevel LogLevel { get; set; }
    }

    public static class CorrelationIdPaths
    {
        public const string ApiGatewayRest = "/RequestContext/RequestId";
        public const string ApplicationLoadBalancer = "/Headers/x-amzn-trace-id";
        public const string EventBridge = "/Id";
    }

    public static class Logger
    {
        public static void LogInformation(string message, params object[] args) { }
        public static void LogInformation(object message) { }
        public static void LogInformation<T>(T extraKeys, string message, params object[] args) { }
        public static void LogDebug(string message, params object[] args) { }
        public static void LogDebug(object message) { }
        public static void LogWarning(string message, params object[] args) { }
        public static void LogWarning(object message) { }
        public static void LogWarning(Exception exception, string message, params object[] args) { }
        public static void LogError(string message, params object[] args) { }
        public static void LogError(object message) { }
        public static void LogError(Exception exception, string message, params object[] args) { }
        public static void LogError(Exception exception) { }
        public static void LogCritical(string message, params object[] args) { }
        public static void LogTrace(string message, params object[] args) { }
        public static void AppendKey(string key, object value) { }
        public static void AppendKeys(IEnumerable<KeyValuePair<string, object>> keys) { }
        public static void RemoveKeys(params string[] keys) { }
    }
}

namespace AWS.Lambda.Powertools.Metrics
{
    public enum MetricUnit { None, Count, Milliseconds, Seconds, Bytes, Percent }

    [AttributeUsage(AttributeTargets.Method)]
    public class MetricsAttribute : Attribute
    {
        public string? Namespace { get; set; }
        public string? Service { get; set; }
        public bool CaptureColdStart { get; set; }
        public bool RaiseOnEmptyMetrics { get; set; }
    }

    public class Metrics
    {
        public static void AddMetric(string key, double value, MetricUnit unit = MetricUnit.None) { }
        public static void AddDimension(string key, string value) { }
        public static void AddMetadata(string key, object value) { }
        public static void SetNamespace(string nameSpace) { }
        public static void PushSingleMetric(string metricName, double value, MetricUnit unit, string? nameSpace = null, string? service = null, Dictionary<string, string>? defaultDimensions = null) { }
    }
}

namespace AWS.Lambda.Powertools.Tracing
{
    public enum TracingCaptureMode { EnvironmentVariable, Response, Error, ResponseAndError, Disabled }

    [AttributeUsage(AttributeTargets.Method)]
    public class TracingAttribute : Attribute
    {
        public string? SegmentName { get; set; }
        public string? Namespace { get; set; }
        public TracingCaptureMode CaptureMode { get; set; }
    }

    public static class Tracing
    {
        public static void AddAnnotation(string key, object value) { }
        public static void AddMetadata(string key, object value) { }
        public static void RegisterForAllServices() { }
        public static void WithSubsegment(string name, Action<object> subsegment) => subsegment(new object());
    }
}
