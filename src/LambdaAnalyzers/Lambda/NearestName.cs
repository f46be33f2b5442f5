using System;
using System.Collections.Generic;

namespace LambdaAnalyzers
{
    /// <summary>
    /// The name someone most likely meant: the nearest candidate by edit distance (a swap of two neighbouring
    /// characters counts as one edit), offered only when it is close, and only when no other candidate is as close.
    /// </summary>
    internal static class NearestName
    {
        /// <summary>
        /// The nearest candidate, or null. Close means at most a third of the length of the candidate's last
        /// segment (the part after the last '.' or '+'), and at least one edit: a type in a long namespace is
        /// not close to another because their namespaces match.
        /// </summary>
        public static string? Find(string name, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            var tie = false;
            foreach (var candidate in candidates)
            {
                if (string.Equals(candidate, name, StringComparison.Ordinal))
                {
                    continue;
                }

                var distance = Distance(name, candidate);
                if (distance > Math.Max(1, LastSegment(candidate).Length / 3))
                {
                    continue;
                }

                if (distance < bestDistance)
                {
                    (best, bestDistance, tie) = (candidate, distance, false);
                }
                else if (distance == bestDistance && !string.Equals(candidate, best, StringComparison.Ordinal))
                {
                    tie = true;
                }
            }

            return tie ? null : best;
        }

        /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
        public static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }

        private static string LastSegment(string name)
        {
            var index = name.LastIndexOfAny(new[] { '.', '+' });
            return index < 0 ? name : name.Substring(index + 1);
        }
    }
}
