using LambdaAnalyzers.Cli.Fixing;

namespace LambdaAnalyzers.Cli.Tests
{
    public class UnifiedDiffTests
    {
        [Fact]
        public void OneChangedLine_OneHunkWithContext()
        {
            var before = "a\nb\nc\nd\ne\nf\ng\nh\n";
            var after = "a\nb\nc\nd\nE\nf\ng\nh\n";

            Assert.Equal(
                "--- a/x.cs\n+++ b/x.cs\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n",
                UnifiedDiff.Create("x.cs", before, after));
        }

        [Fact]
        public void DistantChanges_TwoHunks_InsertionCountsRight()
        {
            var before = string.Join("\n", Enumerable.Range(1, 20)) + "\n";
            var after = "0\n" + string.Join("\n", Enumerable.Range(1, 20)).Replace("15", "fifteen") + "\n";

            var diff = UnifiedDiff.Create("x.cs", before, after);

            Assert.Contains("@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n", diff);
            Assert.Contains("@@ -12,7 +13,7 @@\n 12\n 13\n 14\n-15\n+fifteen\n 16\n 17\n 18\n", diff);
        }

        [Fact]
        public void SameText_NoHunk()
            => Assert.Equal("--- a/x.cs\n+++ b/x.cs\n", UnifiedDiff.Create("x.cs", "a\n", "a\n"));
    }
}
