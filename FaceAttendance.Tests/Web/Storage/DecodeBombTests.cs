using System.Diagnostics;
using System.Net;
using FaceAttendance.Tests.Vision;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Storage;
using SkiaSharp;
using Xunit.Abstractions;

namespace FaceAttendance.Tests.Web.Storage;

/// <summary>Sixteen decompression bombs at once against a real app process: its memory stays bounded, returns after
/// the burst, and a normal scan still answers meanwhile.</summary>
public sealed class DecodeBombTests(ITestOutputHelper output) : IAsyncLifetime
{
    // measured: about 225 MB after a first scan loaded the engine, about 400 MB at the burst's peak; 16 unbounded
    // 40 MP decodes took it past 3 GB
    private const long PeakBoundBytes = 600L * 1024 * 1024;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"fa-bombs-{Guid.NewGuid():N}");
    private AppProcess _app = null!;

    public async Task InitializeAsync() => _app = await AppProcess.StartAsync(new Dictionary<string, string>
    {
        ["FaceAttendance:DataDir"] = _dataDir,
        ["FaceAttendance:Admin:ApiKey"] = "decode-bombs-api-key",
        ["FaceAttendance:Admin:Password"] = "decode-bombs-password",
    });

    [Fact]
    public async Task SixteenLargeImagesAtOnceKeepMemoryBoundedAndANormalScanStillAnswers()
    {
        // 6300 × 6300 is under the 40 MP header limit: the PNG (a few KB) must be refused by its format's limit, the
        // JPEG decoded scaled down by its DCT
        using var flat = new SKBitmap(6300, 6300);
        flat.Erase(new SKColor(120, 120, 120));
        var bombs = new[] { TestImages.Encode(flat, SKEncodedImageFormat.Png), TestImages.Encode(flat, SKEncodedImageFormat.Jpeg, 50) };
        using var client = await _app.CreateKioskClientAsync();
        client.Timeout = TimeSpan.FromMinutes(2);
        // the engine's models load on the first scan: the baseline is a warm app
        (await client.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.NeverEnrolled, ImageFormats.Jpeg))).EnsureSuccessStatusCode();
        var before = _app.ResidentMemory();
        var burst = Enumerable.Range(0, 16).Select(i => client.PostAsync("/attendance",
            FaceAttendanceApp.ImageForm(bombs[i % 2], i % 2 == 0 ? ImageFormats.Png : ImageFormats.Jpeg))).ToList();
        var normal = await client.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.NeverEnrolled, ImageFormats.Jpeg));
        var answers = await Task.WhenAll(burst);
        var peak = _app.ResidentMemory().Peak;
        // memory goes back as the runtime and the allocator get round to it, later on a busy machine: the bound is
        // checked until it holds, for at most 10 s after the burst
        var bound = before.Now + 150L * 1024 * 1024;
        var settled = Stopwatch.StartNew();
        var after = _app.ResidentMemory().Now;
        while (after >= bound && settled.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(250);
            after = _app.ResidentMemory().Now;
        }

        output.WriteLine($"RSS before {before.Now >> 20} MB, peak {peak >> 20} MB, {settled.Elapsed.TotalSeconds:0.0} s after {after >> 20} MB; bombs {bombs[0].Length:N0} / {bombs[1].Length:N0} bytes");
        normal.StatusCode.Should().Be(HttpStatusCode.OK, await normal.Content.ReadAsStringAsync());
        answers.Where((_, i) => i % 2 == 0).Should().AllSatisfy(answer => answer.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge));
        answers.Where((_, i) => i % 2 == 1).Should().AllSatisfy(answer => answer.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "a flat grey JPEG shows no face"));
        peak.Should().BeLessThan(PeakBoundBytes);
        after.Should().BeLessThan(bound, "the decode buffers go back once the burst is over");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}
