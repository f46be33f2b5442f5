using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Tests.Core
{
    /// <summary>
    /// The rules ask for a shared fact from several threads at once, and each asking thread helps build it:
    /// nobody returns before every item is done, nobody waits for an item another thread is still doing (it
    /// does that item too), and a failure reaches every asker.
    /// </summary>
    public class SharedWorkTests
    {
        [Fact]
        public async Task ThreadsAskingTogether_ShareTheItems_AndReturnOnlyWhenAllAreDone()
        {
            var done = new ConcurrentDictionary<int, int>();
            var workers = new ConcurrentDictionary<int, bool>();
            var work = new SharedWork<int>(Enumerable.Range(0, 200).ToList(), item =>
            {
                workers[Environment.CurrentManagedThreadId] = true;
                Thread.Sleep(item % 3);
                done.AddOrUpdate(item, 1, (_, n) => n + 1);
            });

            using var start = new Barrier(4);
            var askers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    work.Finish();
                    return done.Count;
                },
                TaskCreationOptions.LongRunning)).ToArray();
            var counts = await Task.WhenAll(askers);

            Assert.All(counts, count => Assert.Equal(200, count));
            Assert.True(work.IsDone);
            Assert.True(workers.Count > 1, "one thread did all the work while the others waited");

            // Only the items still being done when an asker ran out of untaken ones are done twice: at most
            // the other three askers' items in progress, for each of the four.
            Assert.InRange(done.Values.Sum() - 200, 0, 4 * 3);
        }

        [Fact]
        public async Task AnAsker_DoesNotWaitForAnItemAnotherThreadIsStillDoing()
        {
            using var firstTaken = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var timesDone = new int[3];
            var work = new SharedWork<int>(new[] { 0, 1, 2 }, item =>
            {
                if (item == 0 && !firstTaken.IsSet)
                {
                    // The first thread to take item 0 stops inside it, as a descheduled thread would.
                    firstTaken.Set();
                    release.Wait();
                }

                Interlocked.Increment(ref timesDone[item]);
            });

            var stuck = Task.Factory.StartNew(work.Finish, TaskCreationOptions.LongRunning);
            Assert.True(firstTaken.Wait(TimeSpan.FromSeconds(10)));

            var other = Task.Factory.StartNew(work.Finish, TaskCreationOptions.LongRunning);
            var returned = await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(10))) == other;
            release.Set();
            await stuck;
            await other;

            Assert.True(returned, "the second asker waited for the item the first one had not finished");
            Assert.True(work.IsDone);
            Assert.Equal(new[] { 2, 1, 1 }, timesDone);
        }

        [Fact]
        public async Task EachHelpingThread_MakesOneWorker_ThatNoOtherThreadUses()
        {
            var workersMade = new ConcurrentDictionary<int, int>();
            var itemsDone = 0;
            var work = new SharedWork<int>(Enumerable.Range(0, 200).ToList(), () =>
            {
                var maker = Environment.CurrentManagedThreadId;
                workersMade.AddOrUpdate(maker, 1, (_, n) => n + 1);
                return item =>
                {
                    Assert.Equal(maker, Environment.CurrentManagedThreadId);
                    Thread.Sleep(item % 3);
                    Interlocked.Increment(ref itemsDone);
                };
            });

            using var start = new Barrier(4);
            var askers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    work.Finish();
                },
                TaskCreationOptions.LongRunning)).ToArray();
            await Task.WhenAll(askers);

            Assert.InRange(itemsDone, 200, 200 + (4 * 3));
            Assert.True(work.IsDone);
            Assert.All(workersMade.Values, made => Assert.Equal(1, made));
            Assert.True(workersMade.Count > 1, "one thread did all the work while the others waited");
        }

        [Fact]
        public async Task AFailingItem_FailsEveryAsker_AndTheOthersAreStillDone()
        {
            var done = new ConcurrentBag<int>();
            var work = new SharedWork<int>(Enumerable.Range(0, 50).ToList(), item =>
            {
                if (item == 7)
                {
                    throw new InvalidOperationException("item 7");
                }

                done.Add(item);
            });

            using var start = new Barrier(3);
            var askers = Enumerable.Range(0, 3).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    work.Finish();
                },
                TaskCreationOptions.LongRunning)).ToArray();

            foreach (var asker in askers)
            {
                var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => asker);
                Assert.Equal("item 7", failure.Message);
            }

            Assert.Equal(49, done.Distinct().Count());
            Assert.False(work.IsDone);
            Assert.Throws<InvalidOperationException>(work.Finish);
        }

        [Fact]
        public void NoItems_IsDoneAtOnce()
        {
            var work = new SharedWork<int>(Array.Empty<int>(), _ => throw new InvalidOperationException("never"));

            work.Finish();

            Assert.True(work.IsDone);
        }
    }
}
