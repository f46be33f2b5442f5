using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace LambdaAnalyzers
{
    /// <summary>
    /// A list of work items that every thread needing them helps to finish: each takes the next item nobody
    /// has taken, and then waits only for the items other threads are still doing. The rules ask for a
    /// shared fact from several threads at once; behind a lock one thread would do all of it while the others
    /// sat idle (and the analyzer driver logs their waiting as their own execution time).
    /// </summary>
    internal sealed class SharedWork<T>
    {
        private readonly IReadOnlyList<T> _items;
        private readonly Func<Action<T>> _newWorker;
        private readonly object _gate = new();
        private int _next = -1;
        private int _left;
        private Exception? _failure;

        public SharedWork(IReadOnlyList<T> items, Action<T> work)
            : this(items, () => work)
        {
        }

        /// <summary>
        /// Items done by a worker each helping thread makes once, before its first item: a worker may keep
        /// scratch buffers from one item to the next without sharing them with other threads.
        /// </summary>
        public SharedWork(IReadOnlyList<T> items, Func<Action<T>> newWorker)
        {
            _items = items;
            _newWorker = newWorker;
            _left = items.Count;
        }

        /// <summary>Whether every item is done (with no failure); a thread that sees it need not call <see cref="Finish"/>.</summary>
        public bool IsDone => Volatile.Read(ref _left) == 0 && Volatile.Read(ref _failure) is null;

        /// <summary>Helps with the items left, then waits for the others; rethrows the first failure of any item.</summary>
        public void Finish()
        {
            if (IsDone)
            {
                return;
            }

            Action<T>? work = null;
            for (var i = Interlocked.Increment(ref _next); i < _items.Count; i = Interlocked.Increment(ref _next))
            {
                try
                {
                    work ??= _newWorker();
                    work(_items[i]);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _failure, e, null);
                }
                finally
                {
                    if (Interlocked.Decrement(ref _left) == 0)
                    {
                        lock (_gate)
                        {
                            Monitor.PulseAll(_gate);
                        }
                    }
                }
            }

            lock (_gate)
            {
                while (Volatile.Read(ref _left) > 0)
                {
                    Monitor.Wait(_gate);
                }
            }

            if (Volatile.Read(ref _failure) is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
    }
}
