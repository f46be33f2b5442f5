using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace LambdaAnalyzers
{
    /// <summary>
    /// A list of work items that every thread needing them helps to finish: each takes the next item nobody
    /// has taken, and then, instead of waiting for the items other threads are still doing, does those too.
    /// The rules ask for a shared fact from several threads at once; behind a lock one thread would do all of
    /// it while the others sat idle (and the analyzer driver logs their waiting as their own execution time).
    /// Nor does a thread wait for another at the end: on a busy machine the thread holding the last item may
    /// not be running (the analyzer driver starts more threads than there are cores), and a waiter then sits
    /// out a scheduler slice, several milliseconds, for an item that takes microseconds. So items must be
    /// safe to do twice, at the same time, on two threads (reading a tree into a per-tree cache, binding a
    /// member whose facts are kept with <c>GetOrAdd</c>).
    /// </summary>
    internal sealed class SharedWork<T>
    {
        private const int Done = 1;

        private readonly IReadOnlyList<T> _items;
        private readonly Func<Action<T>> _newWorker;
        private readonly int[] _states;
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
            _states = new int[items.Count];
            _left = items.Count;
        }

        /// <summary>Whether every item is done (with no failure); a thread that sees it need not call <see cref="Finish"/>.</summary>
        public bool IsDone => Volatile.Read(ref _left) == 0 && Volatile.Read(ref _failure) is null;

        /// <summary>
        /// Does the items nobody has taken, then the items other threads have not finished; returns when every
        /// item is done, without waiting for another thread. Rethrows the first failure of any item.
        /// </summary>
        public void Finish()
        {
            if (IsDone)
            {
                return;
            }

            Action<T>? worker = null;
            for (var i = Interlocked.Increment(ref _next); i < _items.Count; i = Interlocked.Increment(ref _next))
            {
                Do(i, ref worker);
            }

            for (var i = 0; i < _items.Count && Volatile.Read(ref _left) > 0; i++)
            {
                if (Volatile.Read(ref _states[i]) != Done)
                {
                    Do(i, ref worker);
                }
            }

            if (Volatile.Read(ref _failure) is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }

        private void Do(int index, ref Action<T>? worker)
        {
            try
            {
                worker ??= _newWorker();
                worker(_items[index]);
                if (Interlocked.Exchange(ref _states[index], Done) != Done)
                {
                    Interlocked.Decrement(ref _left);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
        }
    }
}
