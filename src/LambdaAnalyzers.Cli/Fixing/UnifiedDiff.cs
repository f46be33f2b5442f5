using System;
using System.Collections.Generic;
using System.Text;

namespace LambdaAnalyzers.Cli.Fixing
{
    /// <summary>A unified diff of two texts (three lines of context), as <c>git diff</c> prints it, for <c>--fix --dry-run</c>.</summary>
    internal static class UnifiedDiff
    {
        private const int Context = 3;

        public static string Create(string path, string before, string after)
        {
            var a = SplitLines(before);
            var b = SplitLines(after);
            var edits = Edits(a, b);
            var output = new StringBuilder();
            output.Append("--- a/").Append(path).Append('\n');
            output.Append("+++ b/").Append(path).Append('\n');

            var i = 0;
            while (i < edits.Count)
            {
                if (edits[i].Kind == ' ')
                {
                    i++;
                    continue;
                }

                // A hunk: from the first change less its context to the last change whose gap to the next is small.
                var start = Math.Max(0, i - Context);
                var end = i;
                while (end < edits.Count)
                {
                    var nextChange = end;
                    while (nextChange < edits.Count && edits[nextChange].Kind == ' ')
                    {
                        nextChange++;
                    }

                    if (nextChange == edits.Count || nextChange - end > 2 * Context)
                    {
                        break;
                    }

                    end = nextChange;
                    while (end < edits.Count && edits[end].Kind != ' ')
                    {
                        end++;
                    }
                }

                end = Math.Min(edits.Count, end + Context);
                var (oldStart, newStart) = (edits[start].OldLine, edits[start].NewLine);
                int oldCount = 0, newCount = 0;
                for (var k = start; k < end; k++)
                {
                    oldCount += edits[k].Kind != '+' ? 1 : 0;
                    newCount += edits[k].Kind != '-' ? 1 : 0;
                }

                output.Append("@@ -").Append(oldStart + (oldCount > 0 ? 1 : 0)).Append(',').Append(oldCount)
                    .Append(" +").Append(newStart + (newCount > 0 ? 1 : 0)).Append(',').Append(newCount).Append(" @@\n");
                for (var k = start; k < end; k++)
                {
                    output.Append(edits[k].Kind).Append(edits[k].Text).Append('\n');
                }

                i = end;
            }

            return output.ToString();
        }

        private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);

        /// <summary>Line edits from a longest-common-subsequence table (removals before additions, as git prints them); source files are small enough for its quadratic cost.</summary>
        private static List<Edit> Edits(string[] a, string[] b)
        {
            var lcs = new int[a.Length + 1, b.Length + 1];
            for (var x = a.Length - 1; x >= 0; x--)
            {
                for (var y = b.Length - 1; y >= 0; y--)
                {
                    lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
                }
            }

            var edits = new List<Edit>();
            int i = 0, j = 0;
            while (i < a.Length || j < b.Length)
            {
                if (i < a.Length && j < b.Length && a[i] == b[j])
                {
                    edits.Add(new Edit(' ', a[i], i++, j++));
                }
                else if (j < b.Length && (i == a.Length || lcs[i, j + 1] > lcs[i + 1, j]))
                {
                    edits.Add(new Edit('+', b[j], i, j++));
                }
                else
                {
                    edits.Add(new Edit('-', a[i], i++, j));
                }
            }

            return edits;
        }

        private static string[] SplitLines(string text)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
        }
    }
}
