using System;

// Stands in for AWS.Lambda.Powertools.Idempotency (not served by the mirror): the public names and shapes
// code writes against it, so the same handlers compile against the real package.
namespace AWS.Lambda.Powertools.Idempotency
{
    /// <summary>Makes a method idempotent: a repeated payload (or [IdempotencyKey] argument) returns the stored result.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public class IdempotentAttribute : Attribute
    {
    }

    /// <summary>Marks the argument of a non-handler method that identifies the work.</summary>
    [AttributeUsage(AttributeTargets.Parameter)]
    public class IdempotencyKeyAttribute : Attribute
    {
    }

    public static class Idempotency
    {
        public static void Configure(Action<IdempotencyBuilder> configurationAction) => configurationAction(new IdempotencyBuilder());
    }

    public class IdempotencyBuilder
    {
        public IdempotencyBuilder UseDynamoDb(string tableName) => this;
    }
}
