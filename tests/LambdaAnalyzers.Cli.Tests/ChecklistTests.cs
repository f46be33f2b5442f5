using LambdaAnalyzers.Cli.Review;

namespace LambdaAnalyzers.Cli.Tests
{
    /// <summary>A finding answers one question of the review: two checks never cite the same rule.</summary>
    public class ChecklistTests
    {
        [Fact]
        public void EveryRule_BelongsToExactlyOneConcern_OrToTheProject()
        {
            foreach (var rule in LambdaRules.Catalog)
            {
                var concerns = Checklist.Concerns.Where(c => Checklist.RulesOf(c).Contains(rule.Id)).ToList();
                var places = concerns.Count + (Checklist.ProjectRules.Contains(rule.Id) ? 1 : 0);
                Assert.True(places == 1, $"{rule.Id} is answered by {places} places: {string.Join(", ", concerns)}");
            }
        }

        [Fact]
        public void AsyncVoidHandler_IsAnsweredByHandlerLoads_NotAsyncWork()
        {
            // LAM301 says the runtime refuses to load the handler: "✓ Handler loads" beside it would contradict it.
            Assert.Contains(RuleIds.AsyncVoidHandler, Checklist.RulesOf(Concern.HandlerContract));
            Assert.DoesNotContain(RuleIds.AsyncVoidHandler, Checklist.RulesOf(Concern.AsyncCorrectness));
        }
    }
}
