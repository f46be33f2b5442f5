using System;

namespace Amazon.Lambda.Annotations
{
    [AttributeUsage(AttributeTargets.Method)]
    public class LambdaFunctionAttribute : Attribute
    {
        public string? ResourceName { get; set; }
        public uint Timeout { get; set; }
        public uint MemorySize { get; set; }
        public string? Role { get; set; }
        public string? Policies { get; set; }
    }

    [AttributeUsage(AttributeTargets.Class)]
    public class LambdaStartupAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Parameter)]
    public class FromServicesAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Parameter)]
    public class FromBodyAttribute : Attribute { }
}

namespace Amazon.Lambda.Annotations.APIGateway
{
    public enum LambdaHttpMethod { Any, Get, Post, Put, Patch, Head, Delete, Options }

    [AttributeUsage(AttributeTargets.Method)]
    public class RestApiAttribute : Attribute
    {
        public RestApiAttribute(LambdaHttpMethod method, string template) { Method = method; Template = template; }
        public LambdaHttpMethod Method { get; set; }
        public string Template { get; set; }
    }

    [AttributeUsage(AttributeTargets.Method)]
    public class HttpApiAttribute : Attribute
    {
        public HttpApiAttribute(LambdaHttpMethod method, string template) { Method = method; Template = template; }
        public LambdaHttpMethod Method { get; set; }
        public string Template { get; set; }
    }
}

namespace Amazon.Lambda.Annotations.SQS
{
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class SQSEventAttribute : Attribute
    {
        public SQSEventAttribute(string queue) => Queue = queue;
        public string Queue { get; set; }
        public uint BatchSize { get; set; }
    }
}
