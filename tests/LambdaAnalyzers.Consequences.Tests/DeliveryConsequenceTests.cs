using LambdaAnalyzers.Simulator;

namespace LambdaAnalyzers.Consequences.Tests;

/// <summary>
/// What each delivery, execution-model and deployment rule costs, measured in the simulator with the code
/// pattern the rule reports and the pattern its fix (or its docs) recommends. Seeded, so the numbers are exact.
/// </summary>
public class DeliveryConsequenceTests
{
    [Fact]
    public void LAM201_PaymentHandlerUnderRedelivery_ChargesTwice_TheIdempotencyGuardChargesExactlyOnce()
    {
        static (long Charges, Simulation Simulation) Run(bool guarded)
        {
            var simulation = new Simulation(new SimulationOptions { Seed = 11 });
            var processed = new HashSet<string>(); // DynamoDB, written with attribute_not_exists(pk)
            var queue = simulation.AddQueue("payments", new QueueConfig { DuplicateRate = 0.05, VisibilityTimeout = TimeSpan.FromSeconds(30) });
            var function = simulation.AddFunction("charge", (input, context) =>
            {
                var failures = new List<string>();
                foreach (var message in ((SqsBatch)input!).Records)
                {
                    var orderId = (string)message.Body!;
                    if (guarded && !processed.Add(orderId))
                    {
                        continue; // ConditionalCheckFailedException: already charged
                    }

                    context.Count("charges");
                    context.Spend(TimeSpan.FromMilliseconds(100));

                    // The provider charged, then the reply was lost: the handler fails after the side effect.
                    if (context.Random.NextDouble() < 0.1)
                    {
                        if (guarded)
                        {
                            continue; // the guard already recorded the charge
                        }

                        failures.Add(message.MessageId);
                    }
                }

                return new BatchResponse(failures);
            });
            simulation.MapSqs(queue, function, new SqsMappingConfig { BatchSize = 1, ReportBatchItemFailures = true });
            for (var i = 0; i < 1000; i++)
            {
                queue.Send("order-" + i, TimeSpan.FromMilliseconds(100 * i));
            }

            simulation.Run();
            return (simulation.Metrics["charges"], simulation);
        }

        var (unguarded, before) = Run(guarded: false);
        var (guardedCharges, _) = Run(guarded: true);

        Assert.Equal(1000, guardedCharges);
        Assert.InRange(unguarded - 1000, 100, 200); // ~10 % retried after charging, ~5 % duplicates
        Assert.True(before.Metrics[Metrics.DuplicatesDelivered] > 0);
    }

    [Fact]
    public void LAM202_OnePoisonMessage_ReprocessesItsBatch_UntilRedrive_PartialResponseRetriesOnlyThePoison()
    {
        static (long GoodRuns, SqsQueue DeadLetters) Run(bool partial)
        {
            var simulation = new Simulation();
            var deadLetters = simulation.AddQueue("orders-dlq");
            var queue = simulation.AddQueue("orders", new QueueConfig { Redrive = new RedrivePolicy(deadLetters, 5) });
            var function = simulation.AddFunction("f", (input, context) =>
            {
                var failures = new List<string>();
                foreach (var message in ((SqsBatch)input!).Records)
                {
                    if ((string)message.Body! == "poison")
                    {
                        if (!partial)
                        {
                            throw new InvalidOperationException("poison");
                        }

                        failures.Add(message.MessageId);
                        continue;
                    }

                    context.Count("good runs");
                }

                return new BatchResponse(failures);
            });
            simulation.MapSqs(queue, function, new SqsMappingConfig { ReportBatchItemFailures = partial });
            for (var i = 0; i < 9; i++)
            {
                queue.Send("good-" + i, TimeSpan.Zero);
            }

            queue.Send("poison", TimeSpan.Zero);
            simulation.Run();
            return (simulation.Metrics["good runs"], deadLetters);
        }

        var before = Run(partial: false);
        var after = Run(partial: true);

        Assert.Equal(45, before.GoodRuns);                     // 9 good messages × 5 receives
        Assert.Equal(10, before.DeadLetters.DeadLetters.Count); // and all of them dead-lettered with the poison
        Assert.Equal(9, after.GoodRuns);
        Assert.Equal("poison", Assert.Single(after.DeadLetters.DeadLetters).Body);
    }

    [Fact]
    public void LAM203_SwallowedFailures_ReachNoDeadLetterQueue_RethrowDeliversThemAfterTheRetries()
    {
        static (Destination DeadLetters, Simulation Simulation) Run(bool rethrow)
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
                    context.Count("logged and swallowed");
                    return null;
                }
            }, new FunctionConfig { Async = new AsyncInvokeConfig { DeadLetterQueue = deadLetters } });
            for (var i = 0; i < 50; i++)
            {
                simulation.InvokeAsync(function, "image-" + i, TimeSpan.FromSeconds(i));
            }

            simulation.Run();
            return (deadLetters, simulation);
        }

        var (swallowed, before) = Run(rethrow: false);
        var (rethrown, after) = Run(rethrow: true);

        Assert.Empty(swallowed.Records);
        Assert.Equal(50, before.Metrics.Outcome(EventOutcome.Succeeded)); // reported as successes: lost
        Assert.Equal(50, rethrown.Records.Count);
        Assert.Equal(150, after.Metrics[Metrics.Invocations]);             // 3 attempts each
    }

    [Fact]
    public void LAM302_FireAndForgetAudit_IsLostOrRunsDuringAnotherRequest_AwaitedItIsWrittenEachTime()
    {
        static Simulation Run(bool awaited, TimeSpan spacing)
        {
            var simulation = new Simulation();
            var function = simulation.AddFunction("orders", (input, context) =>
            {
                context.Spend(TimeSpan.FromMilliseconds(40));
                if (awaited)
                {
                    context.Spend(TimeSpan.FromMilliseconds(120));
                    context.Count("audits written in their own request");
                }
                else
                {
                    context.StartBackground("audit", TimeSpan.FromMilliseconds(120), late => late.Count("audits written during another request"));
                }

                return null;
            });
            for (var i = 0; i < 100; i++)
            {
                simulation.Invoke(function, i, TimeSpan.FromTicks(spacing.Ticks * i));
            }

            simulation.Run();
            return simulation;
        }

        var quiet = Run(awaited: false, spacing: TimeSpan.FromMinutes(11)); // every environment reclaimed before the next request
        Assert.Equal(100, quiet.Metrics[Metrics.BackgroundLost]);

        // Busy: each audit needs 120 ms of running time, and the environment runs 40 ms per request, so an
        // audit finishes three requests later, inside someone else's request; the last three never finish.
        var busy = Run(awaited: false, spacing: TimeSpan.FromSeconds(1));
        Assert.Equal(97, busy.Metrics["audits written during another request"]);
        Assert.Equal(3, busy.Metrics[Metrics.BackgroundLost]);

        var fixedRun = Run(awaited: true, spacing: TimeSpan.FromMinutes(11));
        Assert.Equal(100, fixedRun.Metrics["audits written in their own request"]);
        Assert.Equal(0, fixedRun.Metrics[Metrics.BackgroundLost]);
    }

    [Fact]
    public void LAM402_PartialResponseWithoutReportBatchItemFailures_DeletesTheFailures_WithItTheyAreRetried()
    {
        static Simulation Run(bool reportBatchItemFailures)
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
            return simulation;
        }

        Assert.Equal(10, Run(false).Metrics.Outcome(EventOutcome.DeletedDespiteFailure));
        var after = Run(true);
        Assert.Equal(0, after.Metrics.Outcome(EventOutcome.DeletedDespiteFailure));
        Assert.Equal(10, after.Metrics.Outcome(EventOutcome.DeadLettered));
    }

    [Fact]
    public void LAM403_DeadLetterQueueOnTheFunction_DoesNothingForSqs_RedriveOnTheQueueCatchesThePoison()
    {
        static Simulation Run(bool redriveOnQueue)
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
            Assert.Empty(functionDlq.Records); // never used by an SQS trigger
            return simulation;
        }

        var before = Run(redriveOnQueue: false);
        Assert.Equal(1, before.Metrics.Outcome(EventOutcome.Expired));
        Assert.Equal(120, before.Metrics[Metrics.Invocations]); // every 30 s for the hour of retention

        var after = Run(redriveOnQueue: true);
        Assert.Equal(1, after.Metrics.Outcome(EventOutcome.DeadLettered));
        Assert.Equal(5, after.Metrics[Metrics.Invocations]);
    }

    [Fact]
    public void LAM404_AsyncTriggerWithoutFailureTarget_DropsEventsAfterThreeAttempts_ADestinationKeepsThem()
    {
        static Simulation Run(Destination? onFailure)
        {
            var simulation = new Simulation();
            var function = simulation.AddFunction("resize", (input, _) => (int)input! % 4 == 0 ? throw new InvalidOperationException() : null,
                new FunctionConfig { Async = new AsyncInvokeConfig { OnFailure = onFailure } });
            for (var i = 0; i < 100; i++)
            {
                simulation.InvokeAsync(function, i, TimeSpan.FromSeconds(i));
            }

            simulation.Run();
            return simulation;
        }

        Assert.Equal(25, Run(null).Metrics.Outcome(EventOutcome.Dropped));
        var failures = new Destination("failures");
        var after = Run(failures);
        Assert.Equal(25, failures.Records.Count);
        Assert.All(failures.Records, r => Assert.Equal(3, r.ApproximateInvokeCount));
    }

    [Fact]
    public void ProvisionedRemovesColdStarts_ReservedIsolatesFromANoisyNeighbour()
    {
        static Simulation Traffic(int provisioned)
        {
            var simulation = new Simulation();
            var api = simulation.AddFunction("api", (_, context) => { context.Spend(TimeSpan.FromMilliseconds(50)); return null; },
                new FunctionConfig { ProvisionedConcurrency = provisioned, RuntimeInitDuration = TimeSpan.FromMilliseconds(800) });
            for (var i = 0; i < 400; i++)
            {
                simulation.Invoke(api, i, TimeSpan.FromMilliseconds(25 * (i % 100)) + TimeSpan.FromMinutes(20 * (i / 100)));
            }

            simulation.Run();
            return simulation;
        }

        var onDemand = Traffic(provisioned: 0);
        var warm = Traffic(provisioned: 5);
        Assert.Equal(TimeSpan.FromMilliseconds(850), onDemand.Metrics.LatencyPercentile(99));
        Assert.Equal(TimeSpan.FromMilliseconds(50), warm.Metrics.LatencyPercentile(99));
        Assert.Equal(0, warm.Metrics[Metrics.ColdStarts]);

        static long CriticalThrottles(int? reserved)
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

        Assert.Equal(50, CriticalThrottles(reserved: null)); // the report job took the whole account
        Assert.Equal(0, CriticalThrottles(reserved: 50));
    }
}
