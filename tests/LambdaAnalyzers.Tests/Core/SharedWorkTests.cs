using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LambdaAnalyzers.Tests.Core
{
    /// <summary>
    /// The rules ask for a shared fact from several threads at once, and each asking thread helps build it:
    /// every item is done once, nobody returns before all are done, and a failure reaches every asker.
    /// </summary>
    public class SharedWorkTests
    {
        [Fact]
        public void ThreadsAskingTogether_DoEachItemOnce_AndReturnOnlyWhenAllAreDone()
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
            Task.WaitAll(askers);

            Assert.All(askers, asker => Assert.Equal(200, asker.Result));
            Assert.All(done.Values, times => Assert.Equal(1, times));
            Assert.True(work.IsDone);
            Assert.True(workers.Count > 1, "one thread did all the work while the others waited");
        }

        [Fact]
        public void EachHelpingThread_MakesOneWorker_ThatNoOtherThreadUses()
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
            Task.WaitAll(askers);

            Assert.Equal(200, itemsDone);
            Assert.True(work.IsDone);
            Assert.All(workersMade.Values, made => Assert.Equal(1, made));
            Assert.True(workersMade.Count > 1, "one thread did all the work while the others waited");
        }

        [Fact]
        public void AFailingItem_FailsEveryAsker_AndTheOthersAreStillDone()
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
                var failure = Assert.Throws<AggregateException>(() => asker.Wait());
                Assert.Equal("item 7", Assert.IsType<InvalidOperationException>(failure.InnerException).Message);
            }

            Assert.Equal(49, done.Count);
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
