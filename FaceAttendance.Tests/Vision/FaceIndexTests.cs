using FaceAttendance.Vision;

namespace FaceAttendance.Tests.Vision;

public class FaceIndexTests
{
    private const int Dimensions = 128;

    [Theory]
    [InlineData(1, 1, -1f)]
    [InlineData(100, 5, 0f)]
    [InlineData(5_000, 10, -1f)]
    [InlineData(5_000, 50, 0.15f)]
    [InlineData(FaceIndex.ParallelThreshold + 1_234, 1, -1f)]
    [InlineData(FaceIndex.ParallelThreshold + 1_234, 20, 0.1f)]
    [InlineData(100_000, 10, -1f)]
    [InlineData(100_000, 200, 0.25f)]
    public void SearchReturnsTheSameTopKAsABruteForceScalarLoop(int size, int k, float minSimilarity)
    {
        var random = new Random(size + k);
        var stored = Enumerable.Range(0, size).Select(_ => (Id: Guid.NewGuid(), Vector: RandomVector(random))).ToList();
        var index = new FaceIndex(Dimensions);
        foreach (var (id, vector) in stored)
        {
            index.Add(id, vector);
        }

        for (var q = 0; q < 5; q++)
        {
            // half the queries are noisy copies of stored faces, as in real matching; the rest random
            var query = q % 2 == 0 ? Noisy(stored[random.Next(size)].Vector, random) : RandomVector(random);
            var expected = stored
                .Select(s => (s.Id, Similarity: ScalarCosine(query, s.Vector)))
                .Where(s => s.Similarity >= minSimilarity)
                .OrderByDescending(s => s.Similarity)
                .Take(k)
                .ToList();

            var actual = index.Search(query, k, minSimilarity);

            actual.Select(m => m.Id).Should().Equal(expected.Select(e => e.Id));
            actual.Select(m => (double)m.Similarity).Should().Equal(
                expected.Select(e => e.Similarity), (a, e) => Math.Abs(a - e) < 1e-5);
        }
    }

    [Fact]
    public void SearchOnAnEmptyIndexFindsNothing() =>
        new FaceIndex(Dimensions).Search(RandomVector(new Random(1)), 5, -1f).Should().BeEmpty();

    [Fact]
    public void SearchComparesDirectionsNotLengths()
    {
        var vector = RandomVector(new Random(2));
        var index = new FaceIndex(Dimensions);
        var id = Guid.NewGuid();
        index.Add(id, vector.Select(x => x * 7f).ToArray());

        var match = index.Search(vector, 1, 0.99f).Should().ContainSingle().Subject;

        match.Id.Should().Be(id);
        match.Similarity.Should().BeApproximately(1f, 1e-5f);
    }

    [Fact]
    public void AddingAnExistingIdReplacesItsEmbedding()
    {
        var random = new Random(3);
        var (before, after) = (RandomVector(random), RandomVector(random));
        var index = new FaceIndex(Dimensions);
        var id = Guid.NewGuid();
        index.Add(id, before);
        index.Add(Guid.NewGuid(), RandomVector(random));

        index.Add(id, after);

        index.Count.Should().Be(2);
        var best = index.Search(after, 1, -1f).Single();
        best.Id.Should().Be(id);
        best.Similarity.Should().BeApproximately(1f, 1e-5f);
        index.Search(before, 2, -1f).Single(m => m.Id == id).Similarity
            .Should().BeApproximately((float)ScalarCosine(before, after), 1e-5f);
    }

    [Fact]
    public void RemovingAnIdForgetsOnlyThatId()
    {
        var random = new Random(4);
        var stored = Enumerable.Range(0, 10).Select(_ => (Id: Guid.NewGuid(), Vector: RandomVector(random))).ToList();
        var index = new FaceIndex(Dimensions);
        stored.ForEach(s => index.Add(s.Id, s.Vector));

        index.Remove(stored[3].Id).Should().BeTrue();
        index.Remove(stored[3].Id).Should().BeFalse();
        index.Remove(Guid.NewGuid()).Should().BeFalse();

        index.Count.Should().Be(9);
        index.Search(stored[3].Vector, 10, -1f).Select(m => m.Id).Should().NotContain(stored[3].Id);
        foreach (var (id, vector) in stored.Where((_, i) => i != 3))
        {
            index.Search(vector, 1, -1f).Single().Id.Should().Be(id);
        }
    }

    [Fact]
    public void RemovingMostEntriesAcrossStorageChunksKeepsTheRestFindable()
    {
        var random = new Random(5);
        var stored = Enumerable.Range(0, 3 * FaceIndexStore.ChunkRows + 17)
            .Select(_ => (Id: Guid.NewGuid(), Vector: RandomVector(random))).ToList();
        var index = new FaceIndex(Dimensions);
        stored.ForEach(s => index.Add(s.Id, s.Vector));

        var kept = stored.Where((_, i) => i % 97 == 0).ToList();
        foreach (var (id, _) in stored.Except(kept))
        {
            index.Remove(id).Should().BeTrue();
        }

        index.Count.Should().Be(kept.Count);
        foreach (var (id, vector) in kept)
        {
            index.Search(vector, 1, 0.999f).Single().Id.Should().Be(id);
        }
        index.Search(RandomVector(random), kept.Count + 5, -1f).Select(m => m.Id)
            .Should().BeEquivalentTo(kept.Select(s => s.Id));
    }

    [Fact]
    public void ParallelAddsRemovesAndSearchesLeaveAConsistentIndex()
    {
        var random = new Random(6);
        var initial = Enumerable.Range(0, FaceIndex.ParallelThreshold + 500)
            .Select(_ => (Id: Guid.NewGuid(), Vector: RandomVector(random))).ToArray();
        var added = Enumerable.Range(0, 2_000).Select(_ => (Id: Guid.NewGuid(), Vector: RandomVector(random))).ToArray();
        var replacements = initial.Take(1_000).Select(s => (s.Id, Vector: RandomVector(random))).ToArray();
        var removed = initial.Skip(1_000).Take(3_000).ToArray();
        var queries = Enumerable.Range(0, 200).Select(_ => RandomVector(random)).ToArray();
        var index = new FaceIndex(Dimensions);
        foreach (var (id, vector) in initial)
        {
            index.Add(id, vector);
        }
        var everAdded = initial.Concat(added).Select(s => s.Id).ToHashSet();

        var work = added.Select(a => (Action)(() => index.Add(a.Id, a.Vector)))
            .Concat(replacements.Select(r => (Action)(() => index.Add(r.Id, r.Vector))))
            .Concat(removed.Select(r => (Action)(() => index.Remove(r.Id).Should().BeTrue())))
            .Concat(queries.Select(q => (Action)(() =>
            {
                var matches = index.Search(q, 10, -1f);
                matches.Should().HaveCount(10).And.OnlyContain(m => everAdded.Contains(m.Id));
                matches.Select(m => m.Similarity).Should().BeInDescendingOrder();
            })))
            .OrderBy(_ => random.Next())
            .ToArray();
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, action => action());

        var expected = initial.Skip(1_000).Except(removed).Concat(replacements).Concat(added).ToArray();
        index.Count.Should().Be(expected.Length);
        // sorted Equal, not BeEquivalentTo: FluentAssertions' unordered matching is quadratic over 30,000 ids
        index.Search(queries[0], int.MaxValue, -1f).Select(m => m.Id).Order()
            .Should().Equal(expected.Select(e => e.Id).Order());
        foreach (var (id, vector) in replacements.Concat(added).Where((_, i) => i % 10 == 0))
        {
            index.Search(vector, 1, 0.999f).Single().Id.Should().Be(id);
        }
    }

    [Fact]
    public void EmbeddingsOfTheWrongDimensionAreRejected()
    {
        var index = new FaceIndex(Dimensions);

        FluentActions.Invoking(() => index.Add(Guid.NewGuid(), new float[Dimensions - 1]))
            .Should().Throw<ArgumentException>().WithMessage("*128-dimensional*127*");
        FluentActions.Invoking(() => index.Search(new float[Dimensions + 1], 1, 0f))
            .Should().Throw<ArgumentException>().WithMessage("*128-dimensional*129*");
        index.Count.Should().Be(0);
    }

    [Fact]
    public void ZeroVectorsBadKAndNaNThresholdsAreRejected()
    {
        var index = new FaceIndex(Dimensions);
        var vector = RandomVector(new Random(7));

        FluentActions.Invoking(() => index.Add(Guid.NewGuid(), new float[Dimensions])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => index.Search(vector, 0, 0f)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => index.Search(vector, 1, float.NaN)).Should().Throw<ArgumentException>();
    }

    private static float[] RandomVector(Random random) =>
        Enumerable.Range(0, Dimensions).Select(_ => (float)random.NextDouble() * 2f - 1f).ToArray();

    private static float[] Noisy(float[] vector, Random random) =>
        vector.Select(x => x + ((float)random.NextDouble() - 0.5f) * 0.3f).ToArray();

    // the reference the SIMD scan must reproduce: plain double-precision cosine, no TensorPrimitives
    private static double ScalarCosine(float[] a, float[] b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(normA * normB);
    }
}
