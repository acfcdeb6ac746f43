using AccountRegistry.Domain.Text;

namespace AccountRegistry.Domain.Tests.Text;

public sealed class MinHashLshTests
{
    [Fact]
    public void Signature_OfTheSameNormalisedText_IsTheSame()
    {
        var a = MinHashLsh.Signature(TextNormalizer.Normalize("政務(wù)公開：關於開展垃圾分類宣傳活動的通知，請各單位認真落實。"));
        var b = MinHashLsh.Signature(TextNormalizer.Normalize("政务公开关于开展垃圾分类宣传活动的通知请各单位认真落实"));

        Assert.NotNull(a);
        Assert.Equal(MinHashLsh.Bands, a.Length);
        Assert.Equal(a, b);
        Assert.Equal(1.0, MinHashLsh.EstimateSimilarity(a, b!));
    }

    [Fact]
    public void WideAndPortableVectorPaths_GiveTheSameSignature()
    {
        var random = new Random(3);
        var texts = Enumerable.Range(0, 50).Select(i => TextNormalizer.Normalize(SyntheticText.Story(random, 20 + (i * 37)))).ToList();

        var wide = texts.Select(t => MinHashLsh.Signature(t)).ToList();
        List<long[]?> portable;
        MinHashLsh.DisableWideVectorsForTests = true;
        try
        {
            portable = texts.Select(t => MinHashLsh.Signature(t)).ToList();
        }
        finally
        {
            MinHashLsh.DisableWideVectorsForTests = false;
        }

        Assert.Equal(wide, portable);
    }

    [Fact]
    public void EstimatedSimilarity_TracksExactJaccard()
    {
        var random = new Random(20261123);
        var errors = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            var original = SyntheticText.Story(random, 150 + random.Next(600));
            var copy = SyntheticText.Edit(random, original, random.NextDouble() * 0.25);
            var exact = ShingleSet.FromText(original).Jaccard(ShingleSet.FromText(copy));
            var estimate = MinHashLsh.EstimateSimilarity(
                MinHashLsh.Signature(TextNormalizer.Normalize(original)), MinHashLsh.Signature(TextNormalizer.Normalize(copy)));
            errors.Add(estimate - exact);
        }

        // 160 values: the standard error is at most √(0.25/160) ≈ 0.04; the mean error of 300 pairs must be near 0.
        Assert.InRange(errors.Average(), -0.01, 0.01);
        Assert.InRange(Math.Sqrt(errors.Average(e => e * e)), 0, 0.045);
    }

    [Fact]
    public void PairsAtTheThreshold_ShareABandAsTheSCurvePredicts()
    {
        var random = new Random(7);
        int pairs = 0, candidates = 0;
        while (pairs < 400)
        {
            var original = SyntheticText.Story(random, 300);
            var copy = SyntheticText.Edit(random, original, 0.06 + (random.NextDouble() * 0.05));
            var exact = ShingleSet.FromText(original).Jaccard(ShingleSet.FromText(copy));
            if (exact is < 0.6 or > 0.7)
            {
                continue;
            }

            pairs++;
            var a = MinHashLsh.Signature(TextNormalizer.Normalize(original))!;
            var b = MinHashLsh.Signature(TextNormalizer.Normalize(copy))!;
            if (a.Zip(b).Any(band => band.First == band.Second))
            {
                candidates++;
            }
        }

        // Predicted ≥ 99.6 % for every pair here; 400 pairs may miss a few, not more.
        Assert.True(candidates >= 396, $"{candidates} of {pairs} pairs at Jaccard 0.6–0.7 shared a band");
    }

    [Fact]
    public void Sketch_KeepsPairsAtTheThreshold_AndProvesFarPairsBelowIt()
    {
        var random = new Random(17);
        int near = 0, nearKept = 0, far = 0, farRejected = 0;
        while (near < 400 || far < 400)
        {
            var original = SyntheticText.Story(random, 300);
            var copy = SyntheticText.Edit(random, original, random.NextDouble() * 0.3);
            var exact = ShingleSet.FromText(original).Jaccard(ShingleSet.FromText(copy));
            var a = new byte[MinHashLsh.SketchBytes];
            var b = new byte[MinHashLsh.SketchBytes];
            MinHashLsh.Signature(TextNormalizer.Normalize(original), a);
            MinHashLsh.Signature(TextNormalizer.Normalize(copy), b);
            if (exact is >= 0.6 and < 0.7 && near < 400)
            {
                near++;
                nearKept += MinHashLsh.SketchRejects(a, b) ? 0 : 1;
            }
            else if (exact < 0.3 && far < 400)
            {
                far++;
                farRejected += MinHashLsh.SketchRejects(a, b) ? 1 : 0;
            }
        }

        // A pair at 0.6 is dropped with probability ≈ 0.05 %, one at 0.3 kept with ≈ 0.01 %.
        Assert.True(nearKept >= 399, $"{nearKept} of {near} pairs at Jaccard 0.6–0.7 kept");
        Assert.True(farRejected >= 399, $"{farRejected} of {far} pairs below 0.3 rejected");
    }

    [Theory]
    [InlineData(MinHashLsh.SketchBytes)]
    [InlineData(13)]
    public void SketchRejects_CountsEveryDifferingBit_AtTheDistanceLimit(int length)
    {
        var a = new byte[length];
        var b = new byte[length];
        new Random(5).NextBytes(a);
        a.CopyTo(b, 0);

        // Flip bits one by one, the last byte included: rejected exactly when more than the limit differ.
        var flipped = 0;
        for (var bit = length * 8 - 1; bit >= 0 && flipped <= MinHashLsh.SketchMaxDistance; bit -= 3)
        {
            b[bit / 8] ^= (byte)(1 << (bit % 8));
            flipped++;
            Assert.Equal(flipped > MinHashLsh.SketchMaxDistance, MinHashLsh.SketchRejects(a, b));
        }

        Assert.Equal(length * 8 / 3 > MinHashLsh.SketchMaxDistance, flipped > MinHashLsh.SketchMaxDistance);
    }

    [Fact]
    public void Sketch_OfAShortText_IsLeftEmpty()
    {
        var sketch = new byte[MinHashLsh.SketchBytes];
        Assert.Null(MinHashLsh.Signature(TextNormalizer.Normalize("太短了"), sketch));
        Assert.All(sketch, value => Assert.Equal(0, value));
    }

    [Fact]
    public void UnrelatedTexts_RarelyShareABand()
    {
        var random = new Random(11);
        var signatures = Enumerable.Range(0, 300)
            .Select(_ => MinHashLsh.Signature(TextNormalizer.Normalize(SyntheticText.Story(random, 400)))!)
            .ToList();
        var collisions = 0;
        for (var i = 0; i < signatures.Count; i++)
        {
            for (var j = i + 1; j < signatures.Count; j++)
            {
                if (signatures[i].Zip(signatures[j]).Any(band => band.First == band.Second))
                {
                    collisions++;
                }
            }
        }

        Assert.Equal(0, collisions);
    }

    [Theory]
    [InlineData(0.6, 0.99)]
    [InlineData(0.7, 0.9999)]
    public void CandidateProbability_MeetsTheSpecRecallAtTheThreshold(double similarity, double atLeast) =>
        Assert.True(MinHashLsh.CandidateProbability(similarity) >= atLeast);

    [Fact]
    public void CandidateProbability_IsLowForUnrelatedTexts() =>
        Assert.True(MinHashLsh.CandidateProbability(0.05) < 0.001);
}
