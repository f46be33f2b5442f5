using LambdaAnalyzers.Tour;

namespace LambdaAnalyzers.Consequences.Tests;

/// <summary>
/// What each delivery, execution-model, secrets and deployment rule costs, measured in the simulator with
/// the code pattern the rule reports and the one its fix (or its docs) recommends. The scenarios are the
/// runnable tour's (samples/Tour); seeded, so the numbers are exact.
/// </summary>
public class DeliveryConsequenceTests
{
    [Fact]
    public void LAM101_PasswordRotation_BreaksTheEnvironmentVariableReader_TheCachedFetchRecoversWithinItsTtl()
    {
        Assert.Equal(3000, Scenarios.FailedCallsAfterRotation(cachedFetchWithTtl: false)); // every call from minute 10 on
        Assert.InRange(Scenarios.FailedCallsAfterRotation(cachedFetchWithTtl: true), 0, 300); // at most one 5-minute TTL of calls
    }

    [Fact]
    public void LAM201_PaymentHandlerUnderRedelivery_ChargesTwice_TheIdempotencyGuardChargesExactlyOnce()
    {
        var (unguarded, duplicates) = Scenarios.PaymentCharges(idempotencyGuard: false);
        var (guarded, _) = Scenarios.PaymentCharges(idempotencyGuard: true);

        Assert.Equal(1000, guarded);
        Assert.Equal(1154, unguarded);   // seed 11: ~10 % retried after charging, ~5 % duplicates
        Assert.True(duplicates > 0);
    }

    [Fact]
    public void LAM202_OnePoisonMessage_ReprocessesItsBatch_UntilRedrive_PartialResponseRetriesOnlyThePoison()
    {
        Assert.Equal((45, 10), Scenarios.PoisonBatch(partialBatchResponse: false)); // 9 good × 5 receives, all dead-lettered
        Assert.Equal((9, 1), Scenarios.PoisonBatch(partialBatchResponse: true));
    }

    [Fact]
    public void LAM203_SwallowedFailures_ReachNoDeadLetterQueue_RethrowDeliversThemAfterTheRetries()
    {
        Assert.Equal((0, 50, 50), Scenarios.SwallowedFailures(rethrow: false)); // reported as successes: lost
        Assert.Equal((50, 0, 150), Scenarios.SwallowedFailures(rethrow: true));  // 3 attempts each, then the DLQ
    }

    [Fact]
    public void LAM302_FireAndForgetAudit_IsLostOrRunsDuringAnotherRequest_AwaitedItIsWrittenEachTime()
    {
        // Quiet traffic: every environment is reclaimed before the next request, with its audit.
        Assert.Equal((0, 0, 100), Scenarios.FireAndForgetAudit(awaited: false, TimeSpan.FromMinutes(11)));

        // Busy: an audit needs 120 ms of running time and a request runs 40 ms, so it finishes three requests
        // later, inside someone else's request; the last three never finish.
        Assert.Equal((0, 97, 3), Scenarios.FireAndForgetAudit(awaited: false, TimeSpan.FromSeconds(1)));
        Assert.Equal((100, 0, 0), Scenarios.FireAndForgetAudit(awaited: true, TimeSpan.FromMinutes(11)));
    }

    [Fact]
    public void LAM402_PartialResponseWithoutReportBatchItemFailures_DeletesTheFailures_WithItTheyAreRetried()
    {
        Assert.Equal((10, 0), Scenarios.PartialResponse(reportBatchItemFailures: false));
        Assert.Equal((0, 10), Scenarios.PartialResponse(reportBatchItemFailures: true));
    }

    [Fact]
    public void LAM403_DeadLetterQueueOnTheFunction_DoesNothingForSqs_RedriveOnTheQueueCatchesThePoison()
    {
        Assert.Equal((120, 1, 0, 0), Scenarios.DeadLetterQueuePlacement(redriveOnQueue: false)); // every 30 s for the hour of retention
        Assert.Equal((5, 0, 1, 0), Scenarios.DeadLetterQueuePlacement(redriveOnQueue: true));
    }

    [Fact]
    public void LAM404_AsyncTriggerWithoutFailureTarget_DropsEventsAfterThreeAttempts_ADestinationKeepsThem()
    {
        Assert.Equal((25, 0), Scenarios.AsyncFailureTarget(withDestination: false));
        Assert.Equal((0, 25), Scenarios.AsyncFailureTarget(withDestination: true));
    }

    [Fact]
    public void ProvisionedRemovesColdStarts_ReservedIsolatesFromANoisyNeighbour()
    {
        // Each burst (100 requests 25 ms apart) cold-starts 35 environments, reclaimed before the next burst.
        Assert.Equal((TimeSpan.FromMilliseconds(850), 140L), Scenarios.Bursts(provisioned: 0));
        Assert.Equal((TimeSpan.FromMilliseconds(50), 0L), Scenarios.Bursts(provisioned: 5));
        Assert.Equal(50, Scenarios.CheckoutThrottles(reserved: null)); // the report job took the whole account
        Assert.Equal(0, Scenarios.CheckoutThrottles(reserved: 50));
    }

    [Fact]
    public void Tour_ReportsEveryScenario()
    {
        var consequences = Scenarios.All();
        Assert.Equal(new[] { "LAM101", "LAM201", "LAM202", "LAM203", "LAM302", "LAM402", "LAM403", "LAM404", "provisioned", "reserved" }, consequences.Select(c => c.Rule).Distinct());
        Assert.All(consequences, c => Assert.NotEqual(c.Before, c.After));
    }

    /// <summary>
    /// The tour writes its picture where the README shows it (docs/images, not the working directory), and
    /// the committed picture is the one the tour draws, so running the tour leaves the clone unchanged.
    /// </summary>
    [Fact]
    public void Tour_WritesThePictureTheReadmeShows()
    {
        var path = Timeline.PoisonBatchPicturePath();

        Assert.NotNull(path);
        Assert.EndsWith(Path.Combine("docs", "images", "lam202-poison-batch.svg"), path, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(path!), Timeline.PoisonBatchSvg());
    }
}
