using System;

// Stands in for AWSXRayRecorder.Core and AWSXRayRecorder.Handlers.AwsSdk (not served by the mirror).
namespace Amazon.XRay.Recorder.Handlers.AwsSdk
{
    public static class AWSSDKHandler
    {
        public static void RegisterXRayForAllServices() { }
        public static void RegisterXRay<T>() { }
    }
}

namespace Amazon.XRay.Recorder.Core
{
    public class AWSXRayRecorder
    {
        public static AWSXRayRecorder Instance { get; } = new AWSXRayRecorder();
        public void BeginSubsegment(string name, DateTime? timestamp = null) { }
        public void EndSubsegment(DateTime? timestamp = null) { }
        public void AddAnnotation(string key, object value) { }
        public void AddMetadata(string key, object value) { }
        public void AddException(Exception ex) { }
        public static void InitializeInstance(object? configuration = null, AWSXRayRecorder? recorder = null) { }
    }
}
