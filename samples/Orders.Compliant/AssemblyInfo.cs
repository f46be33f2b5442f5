// The serializer the .NET Lambda runtime uses for handlers whose input or output is not a Stream.
[assembly: Amazon.Lambda.Core.LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]
