using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Tour;

/// <summary>One anti-pattern's consequence, measured before and after its fix, with what each number means.</summary>
public sealed record Consequence(string Rule, string Measure, long Before, long After);

/// <summary>
/// Each rule's consequence as a seeded simulation of the code pattern the rule reports and the one its fix
/// (or docs) recommends. The consequence tests assert these numbers; the tour prints them.
/// </summary>
public static class Scenarios
{
    /// <summary>LAM201: a payment handler on SQS, with redelivery after failures and duplicates.</summary>
    public static (long Charges, long Duplicates) PaymentCharges(bool idempotencyGuard, int orders = 1000)
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 11 });
        var processed = new HashSet<string>(); // DynamoDB, written with attribute_not_exists(pk)
        var queue = simulation.AddQueue("payments", new QueueConfig { DuplicateRate = 0.05 });
        var function = simulation.AddFunction("charge", (input, context) =>
        {
            var failures = new List<string>();
            foreach (var message in ((SqsBatch)input!).Records)
            {
                var orderId = (string)message.Body!;
                if (idempotencyGuard && !processed.Add(orderId))
                {
                    continue; // ConditionalCheckFailedException: already charged
                }

                context.Count("charges");
                context.Spend(TimeSpan.FromMilliseconds(100));

                // The provider charged, then its reply was lost: the handler fails after the side effect.
                if (context.Random.NextDouble() < 0.1 && !idempotencyGuard)
                {
                    failures.Add(message.MessageId);
                }
            }

            return new BatchResponse(failures);
        });
        simulation.MapSqs(queue, function, new SqsMappingConfig { BatchSize = 1, ReportBatchItemFailures = true });
        for (var i = 0; i < orders; i++)
        {
            queue.Send("order-" + i, TimeSpan.FromMilliseconds(100 * i));
        }

        simulation.Run();
        return (simulation.Metrics["charges"], simulation.Metrics[Metrics.DuplicatesDelivered]);
    }

    /// <summary>LAM202: nine good messages and a poison one in a batch, maxReceiveCount 5.</summary>
    public static (long GoodRuns, int DeadLettered) PoisonBatch(bool partialBatchResponse, Simulation? simulation = null)
    {
        simulation ??= new Simulation();
        var deadLetters = simulation.AddQueue("orders-dlq");
        var queue = simulation.AddQueue("orders", new QueueConfig { Redrive = new RedrivePolicy(deadLetters, 5) });
        var function = simulation.AddFunction("orders", (input, context) =>
        {
            var failures = new List<string>();
            foreach (var message in ((SqsBatch)input!).Records)
            {
                if ((string)message.Body! == "poison")
                {
                    if (!partialBatchResponse)
                    {
                        throw new InvalidOperationException("poison");
                    }

                    failures.Add(message.MessageId);
                    continue;
                }

                context.Spend(TimeSpan.FromMilliseconds(200));
                context.Count("good runs");
            }

            return new BatchResponse(failures);
        });
        simulation.MapSqs(queue, function, new SqsMappingConfig { ReportBatchItemFailures = partialBatchResponse });
        for (var i = 0; i < 9; i++)
        {
            queue.Send("good-" + i, TimeSpan.Zero);
        }

        queue.Send("poison", TimeSpan.Zero);
        simulation.Run();
        return (simulation.Metrics["good runs"], deadLetters.DeadLetters.Count);
    }

    /// <summary>LAM203: an S3-triggered function whose every event fails; the catch-all logs and carries on, or rethrows.</summary>
    public static (int DeadLettered, long ReportedAsSucceeded, long Invocations) SwallowedFailures(bool rethrow)
    {
        var simulation = new Simulation();
        var deadLetters = new Destination("thumbnails-dlq");
        var function = simulation.AddFunction("thumbnail", (input, context) =>
        {
            try
            {
                throw new InvalidOperationException("corrupt image");
            }
            catch (Exception) when (!rethrow)
            {
                return null;
            }
        }, new FunctionConfig { Async = new AsyncInvokeConfig { DeadLetterQueue = deadLetters } });
        for (var i = 0; i < 50; i++)
        {
            simulation.InvokeAsync(function, "image-" + i, TimeSpan.FromSeconds(i));
        }

        simulation.Run();
        return (deadLetters.Records.Count, simulation.Metrics.Outcome(EventOutcome.Succeeded), simulation.Metrics[Metrics.Invocations]);
    }

    /// <summary>LAM302: an audit record written fire-and-forget (or awaited) by 100 requests.</summary>
    public static (long InOwnRequest, long DuringAnotherRequest, long Lost) FireAndForgetAudit(bool awaited, TimeSpan spacing)
    {
        var simulation = new Simulation();
        var function = simulation.AddFunction("orders", (input, context) =>
        {
            context.Spend(TimeSpan.FromMilliseconds(40));
            if (awaited)
            {
                context.Spend(TimeSpan.FromMilliseconds(120));
                context.Count("own");
            }
            else
            {
                context.StartBackground("audit", TimeSpan.FromMilliseconds(120), late => late.Count("late"));
            }

            return null;
        });
        for (var i = 0; i < 100; i++)
        {
            simulation.Invoke(function, i, TimeSpan.FromTicks(spacing.Ticks * i));
        }

        simulation.Run();
        return (simulation.Metrics["own"], simulation.Metrics["late"], simulation.Metrics[Metrics.BackgroundLost]);
    }

    /// <summary>LAM402: a partial batch response (every tenth message fails) with ReportBatchItemFailures off or on.</summary>
    public static (long DeletedDespiteFailure, long DeadLettered) PartialResponse(bool reportBatchItemFailures)
    {
        var simulation = new Simulation();
        var deadLetters = simulation.AddQueue("dlq");
        var queue = simulation.AddQueue("orders", new QueueConfig { Redrive = new RedrivePolicy(deadLetters, 3) });
        var function = simulation.AddFunction("f", (input, _) =>
            new BatchResponse(((SqsBatch)input!).Records.Where(m => (int)m.Body! % 10 == 0).Select(m => m.MessageId).ToList()));
        simulation.MapSqs(queue, function, new SqsMappingConfig { ReportBatchItemFailures = reportBatchItemFailures });
        for (var i = 0; i < 100; i++)
        {
            queue.Send(i, TimeSpan.FromMilliseconds(i));
        }

        simulation.Run();
        return (simulation.Metrics.Outcome(EventOutcome.DeletedDespiteFailure), simulation.Metrics.Outcome(EventOutcome.DeadLettered));
    }

    /// <summary>LAM403: a poison SQS message with the DLQ set on the function, or a redrive policy on the queue.</summary>
    public static (long Invocations, long Expired, long DeadLettered, int FunctionDlqRecords) DeadLetterQueuePlacement(bool redriveOnQueue)
    {
        var simulation = new Simulation();
        var functionDlq = new Destination("function-dlq");
        var queueDlq = simulation.AddQueue("queue-dlq");
        var queue = simulation.AddQueue("orders", new QueueConfig
        {
            RetentionPeriod = TimeSpan.FromHours(1),
            Redrive = redriveOnQueue ? new RedrivePolicy(queueDlq, 5) : null,
        });
        var function = simulation.AddFunction("f", (_, _) => throw new InvalidOperationException("poison"),
            new FunctionConfig { Async = new AsyncInvokeConfig { DeadLetterQueue = functionDlq } });
        simulation.MapSqs(queue, function);
        queue.Send("poison", TimeSpan.Zero);
        simulation.Run();
        return (simulation.Metrics[Metrics.Invocations], simulation.Metrics.Outcome(EventOutcome.Expired), simulation.Metrics.Outcome(EventOutcome.DeadLettered), functionDlq.Records.Count);
    }

    /// <summary>LAM404: an asynchronously triggered function failing on a quarter of its events, without or with an on-failure destination.</summary>
    public static (long Dropped, int Recorded) AsyncFailureTarget(bool withDestination)
    {
        var simulation = new Simulation();
        var failures = new Destination("failures");
        var function = simulation.AddFunction("resize", (input, _) => (int)input! % 4 == 0 ? throw new InvalidOperationException() : null,
            new FunctionConfig { Async = new AsyncInvokeConfig { OnFailure = withDestination ? failures : null } });
        for (var i = 0; i < 100; i++)
        {
            simulation.InvokeAsync(function, i, TimeSpan.FromSeconds(i));
        }

        simulation.Run();
        return (simulation.Metrics.Outcome(EventOutcome.Dropped), failures.Records.Count);
    }

    /// <summary>Provisioned concurrency: 4 bursts of 100 requests, 20 minutes apart, on demand or with 5 provisioned environments.</summary>
    public static (TimeSpan P99, long ColdStarts) Bursts(int provisioned, Simulation? simulation = null)
    {
        simulation ??= new Simulation();
        var api = simulation.AddFunction("api", (_, context) => { context.Spend(TimeSpan.FromMilliseconds(50)); return null; },
            new FunctionConfig { ProvisionedConcurrency = provisioned, RuntimeInitDuration = TimeSpan.FromMilliseconds(800) });
        for (var i = 0; i < 400; i++)
        {
            simulation.Invoke(api, i, TimeSpan.FromMilliseconds(25 * (i % 100)) + TimeSpan.FromMinutes(20 * (i / 100)));
        }

        simulation.Run();
        return (simulation.Metrics.LatencyPercentile(99), simulation.Metrics[Metrics.ColdStarts]);
    }

    /// <summary>Reserved concurrency: a checkout function next to a report job that fills the account.</summary>
    public static long CheckoutThrottles(int? reserved)
    {
        var simulation = new Simulation(new SimulationOptions { AccountConcurrencyLimit = 300 });
        var noisy = simulation.AddFunction("report", (_, context) => { context.Spend(TimeSpan.FromSeconds(5)); return null; }, new FunctionConfig { Timeout = TimeSpan.FromSeconds(10) });
        var critical = simulation.AddFunction("checkout", (_, context) => { context.Spend(TimeSpan.FromMilliseconds(100)); return null; }, new FunctionConfig { ReservedConcurrency = reserved });
        var results = new List<SyncInvocation>();
        for (var i = 0; i < 400; i++)
        {
            simulation.Invoke(noisy, i, TimeSpan.Zero);
        }

        for (var i = 0; i < 50; i++)
        {
            results.Add(simulation.Invoke(critical, i, TimeSpan.FromMilliseconds(10)));
        }

        simulation.Run();
        return results.Count(r => r.Outcome!.Status == InvocationStatus.Throttled);
    }

    /// <summary>
    /// LAM101: the database password is rotated at minute 10. A function that read it from its environment
    /// at deployment fails every call until it is redeployed (here: never, within the hour); one that fetches
    /// it from Secrets Manager and caches it for 5 minutes fails at most until its cache expires.
    /// </summary>
    public static long FailedCallsAfterRotation(bool cachedFetchWithTtl)
    {
        var simulation = new Simulation();
        var rotatedAt = TimeSpan.FromMinutes(10);
        var ttl = TimeSpan.FromMinutes(5);
        string CurrentPassword() => simulation.Now < rotatedAt ? "v1" : "v2";
        const string DeployedPassword = "v1";

        var function = simulation.AddFunction("orders", (_, context) =>
        {
            string password;
            if (cachedFetchWithTtl)
            {
                var state = context.Environment.State;
                if (!state.TryGetValue("password", out var cached) || simulation.Now - (TimeSpan)state["fetchedAt"]! > ttl)
                {
                    context.Spend(TimeSpan.FromMilliseconds(30)); // GetSecretValue
                    state["password"] = cached = CurrentPassword();
                    state["fetchedAt"] = simulation.Now;
                }

                password = (string)cached!;
            }
            else
            {
                password = DeployedPassword;
            }

            context.Spend(TimeSpan.FromMilliseconds(20));
            if (password != CurrentPassword())
            {
                throw new UnauthorizedAccessException("password authentication failed");
            }

            return null;
        }, new FunctionConfig { IdleLifetime = TimeSpan.FromHours(2) });
        for (var i = 0; i < 3600; i++)
        {
            simulation.Invoke(function, i, TimeSpan.FromSeconds(i));
        }

        simulation.Run();
        return simulation.Metrics.Outcome(EventOutcome.FailedToCaller);
    }

    public static IReadOnlyList<Consequence> All()
    {
        var paymentsBefore = PaymentCharges(idempotencyGuard: false);
        var paymentsAfter = PaymentCharges(idempotencyGuard: true);
        var poisonBefore = PoisonBatch(partialBatchResponse: false);
        var poisonAfter = PoisonBatch(partialBatchResponse: true);
        var swallowed = SwallowedFailures(rethrow: false);
        var rethrown = SwallowedFailures(rethrow: true);
        var lostAudits = FireAndForgetAudit(awaited: false, TimeSpan.FromMinutes(11));
        var awaitedAudits = FireAndForgetAudit(awaited: true, TimeSpan.FromMinutes(11));
        var busyAudits = FireAndForgetAudit(awaited: false, TimeSpan.FromSeconds(1));
        var dlqOnFunction = DeadLetterQueuePlacement(redriveOnQueue: false);
        var redrive = DeadLetterQueuePlacement(redriveOnQueue: true);
        var onDemand = Bursts(provisioned: 0);
        var provisioned = Bursts(provisioned: 5);
        return new[]
        {
            new Consequence("LAM101", "failed calls in the hour after a password rotation (env var vs 5-min cached fetch)", FailedCallsAfterRotation(false), FailedCallsAfterRotation(true)),
            new Consequence("LAM201", "charges for 1,000 orders (redelivery + 5 % duplicates)", paymentsBefore.Charges, paymentsAfter.Charges),
            new Consequence("LAM202", "runs of 9 good messages batched with 1 poison (maxReceiveCount 5)", poisonBefore.GoodRuns, poisonAfter.GoodRuns),
            new Consequence("LAM202", "messages dead-lettered", poisonBefore.DeadLettered, poisonAfter.DeadLettered),
            new Consequence("LAM203", "of 50 failing S3 events, reaching the DLQ", swallowed.DeadLettered, rethrown.DeadLettered),
            new Consequence("LAM302", "of 100 audit records (quiet traffic), lost", lostAudits.Lost, awaitedAudits.Lost),
            new Consequence("LAM302", "of 100 audit records (busy traffic), written during another request", busyAudits.DuringAnotherRequest, 0),
            new Consequence("LAM402", "of 10 failed messages, deleted anyway (ReportBatchItemFailures off vs on)", PartialResponse(false).DeletedDespiteFailure, PartialResponse(true).DeletedDespiteFailure),
            new Consequence("LAM403", "invocations spent on one poison message (DLQ on function vs redrive on queue)", dlqOnFunction.Invocations, redrive.Invocations),
            new Consequence("LAM404", "of 25 failing async events, dropped (no target vs on-failure destination)", AsyncFailureTarget(false).Dropped, AsyncFailureTarget(true).Dropped),
            new Consequence("provisioned", "p99 latency (ms) of 4 bursts, on demand vs 5 provisioned", (long)onDemand.P99.TotalMilliseconds, (long)provisioned.P99.TotalMilliseconds),
            new Consequence("reserved", "checkout calls throttled beside a noisy job (no reservation vs 50 reserved)", CheckoutThrottles(null), CheckoutThrottles(50)),
        };
    }
}
