using System.Globalization;
using System.Text;
using FaceAttendance.Vision;
using FaceAttendance.Vision.Detection;
using SkiaSharp;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// `liveness-compare --faces DIR --faceplugin DIR --out docs/liveness.md [--limit N]`: scores every photo's first face
/// with the engine's liveness (Human's antispoof + liveness) and with faceplugin's fr_liveness.onnx (MiniFASNet-like,
/// run as the package's JS does: the face box scaled 2.7x about its centre and kept inside the image, resized to
/// 128x128, planar RGB 0-255, softmax, class 0 = live), on the real photos and on synthetic screen re-captures made
/// from them (<see cref="ScreenRecapture"/>). Writes the score distributions and pass rates to the document.
/// Real spoofs were not available: the synthetic rows say how a model reacts to these artefacts, not spoof accuracy.
/// </summary>
internal static class LivenessCompareCommand
{
    private const string Usage = "usage: liveness-compare --faces DIR --faceplugin DIR --out docs/liveness.md [--limit N]";
    private const int FacePluginSize = 128;
    private const float FacePluginScale = 2.7f;

    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }
        var limit = int.MaxValue;
        if (args.Length % 2 != 0 || !new[] { "--faces", "--faceplugin", "--out" }.All(options.ContainsKey) ||
            (options.TryGetValue("--limit", out var text) && !int.TryParse(text, CultureInfo.InvariantCulture, out limit)))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        using var facePlugin = new OnnxModel(Path.Combine(options["--faceplugin"], "model", "fr_liveness.onnx"), intraOpThreads: 1);
        var photos = Directory.EnumerateFiles(options["--faces"], "*", SearchOption.AllDirectories).Where(PhotoFiles.IsPhoto)
            .Order(StringComparer.Ordinal).Take(limit).ToList();
        var sets = new Dictionary<string, (List<float> Human, List<float> FacePlugin)>
        {
            ["real photos"] = ([], []),
            ["synthetic: screen re-capture"] = ([], []),
            ["synthetic: screen re-capture with glare"] = ([], []),
        };
        foreach (var photo in photos)
        {
            var original = File.ReadAllBytes(photo);
            Score(engine, facePlugin, original, sets["real photos"]);
            Score(engine, facePlugin, ScreenRecapture.Make(original, glare: false), sets["synthetic: screen re-capture"]);
            Score(engine, facePlugin, ScreenRecapture.Make(original, glare: true), sets["synthetic: screen re-capture with glare"]);
        }
        File.WriteAllText(options["--out"], Document(photos.Count, options["--faces"], sets));
        Console.WriteLine($"scored {photos.Count} photos; wrote {options["--out"]}");
        return 0;
    }

    private static void Score(FaceEngine engine, OnnxModel facePlugin, byte[] encoded, (List<float> Human, List<float> FacePlugin) into)
    {
        using var image = engine.Decode(encoded);
        if (engine.Detect(image) is not [var face, ..])
        {
            return; // no face found: neither model is asked
        }
        into.Human.Add(engine.CheckLiveness(image, face).Score);
        into.FacePlugin.Add(FacePluginLive(facePlugin, image, face.Box));
    }

    /// <summary>faceplugin's alignLivenessImage + preprocessLiveness + softmax, class 0.</summary>
    private static float FacePluginLive(OnnxModel model, FaceImage image, FaceBox box)
    {
        var scale = MathF.Min(MathF.Min((image.Height - 1) / box.Height, (image.Width - 1) / box.Width), FacePluginScale);
        var (width, height) = (box.Width * scale, box.Height * scale);
        var left = box.X + box.Width / 2 - width / 2;
        var top = box.Y + box.Height / 2 - height / 2;
        left = Math.Clamp(left, 0, MathF.Max(0, image.Width - 1 - width));
        top = Math.Clamp(top, 0, MathF.Max(0, image.Height - 1 - height));
        var input = new float[3 * FacePluginSize * FacePluginSize];
        var rgb = image.Rgb;
        const int plane = FacePluginSize * FacePluginSize;
        for (var y = 0; y < FacePluginSize; y++)
        {
            for (var x = 0; x < FacePluginSize; x++)
            {
                // bilinear, pixel centres aligned as OpenCV's resize does
                var sx = Math.Clamp(left + (x + 0.5f) * width / FacePluginSize - 0.5f, 0, image.Width - 1);
                var sy = Math.Clamp(top + (y + 0.5f) * height / FacePluginSize - 0.5f, 0, image.Height - 1);
                var (x0, y0) = ((int)sx, (int)sy);
                var (x1, y1) = (Math.Min(x0 + 1, image.Width - 1), Math.Min(y0 + 1, image.Height - 1));
                var (fx, fy) = (sx - x0, sy - y0);
                var (row0, row1) = (y0 * image.RowBytes, y1 * image.RowBytes);
                for (var c = 0; c < 3; c++)
                {
                    input[c * plane + y * FacePluginSize + x] =
                        (rgb[row0 + x0 * 3 + c] * (1 - fx) + rgb[row0 + x1 * 3 + c] * fx) * (1 - fy) +
                        (rgb[row1 + x0 * 3 + c] * (1 - fx) + rgb[row1 + x1 * 3 + c] * fx) * fy;
                }
            }
        }
        using var outputs = model.Run(input, [1, 3, FacePluginSize, FacePluginSize]);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        var max = float.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = MathF.Max(max, logit);
        }
        var sum = 0f;
        foreach (var logit in logits)
        {
            sum += MathF.Exp(logit - max);
        }
        return MathF.Exp(logits[0] - max) / sum;
    }

    private static string Document(int photos, string faces, Dictionary<string, (List<float> Human, List<float> FacePlugin)> sets)
    {
        var text = new StringBuilder();
        text.Append("# Liveness: Human's models against faceplugin's fr_liveness\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Written by `FaceAttendance.Cli liveness-compare` from the first {photos} photos of `{faces}` (first face of each); do not edit by hand.\n\n");
        text.Append("- **Human** (what the app uses): the mean of Human's antispoof and liveness outputs, pass mark ");
        text.Append(CultureInfo.InvariantCulture, $"{LivenessChecker.LiveThreshold}.\n");
        text.Append("- **fr_liveness**: faceplugin-face-recognition-js@0.0.1 `model/fr_liveness.onnx` run as the package's JS does it ");
        text.Append("(face box × 2.7 kept inside the image, 128×128, planar RGB 0–255, softmax, class 0 = live), with the engine's mesh-based face box ");
        text.Append("instead of faceplugin's own detector; pass mark 0.5 (the package's JS states none).\n");
        text.Append("- **Synthetic re-captures** (no real spoof photos exist here): the photo shown on a simulated screen: drawn at 80 % inside a dark ");
        text.Append("bezel on a grey background, lifted blacks and a blue cast, two moiré gratings (periods 3.3 and 4.1 px), then re-photographed ");
        text.Append("(downscaled to 70 % and back, JPEG quality 80); the glare variant adds a bright radial highlight. They show how each model ");
        text.Append("reacts to these artefacts. **They are not spoof accuracy.**\n\n");
        text.Append("| set | model | faces | min | 1st pct | 5th pct | median | 95th pct | passes |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var (name, (human, facePlugin)) in sets)
        {
            text.Append(Row(name, "Human", human, LivenessChecker.LiveThreshold));
            text.Append(Row(name, "fr_liveness", facePlugin, 0.5f));
        }
        return text.ToString();
    }

    private static string Row(string set, string model, List<float> scores, float passMark)
    {
        if (scores.Count == 0)
        {
            return $"| {set} | {model} | 0 | | | | | | |\n";
        }
        var sorted = scores.Order().ToArray();
        float Percentile(double p) => sorted[(int)Math.Round(p * (sorted.Length - 1))];
        var passes = 100.0 * scores.Count(score => score >= passMark) / scores.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {set} | {model} | {scores.Count} | {sorted[0]:0.00} | {Percentile(0.01):0.00} | {Percentile(0.05):0.00} | {Percentile(0.5):0.00} | {Percentile(0.95):0.00} | {passes:0.0} % |\n");
    }
}

/// <summary>A dev photo as a phone or monitor would show it to the kiosk camera (see <see cref="LivenessCompareCommand"/>).</summary>
internal static class ScreenRecapture
{
    public static byte[] Make(byte[] photo, bool glare)
    {
        using var source = SKBitmap.Decode(photo);
        var (width, height) = (source.Width, source.Height);
        using var screen = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(screen))
        {
            canvas.Clear(new SKColor(118, 118, 112));
            var inner = SKRect.Create(width * 0.1f, height * 0.1f, width * 0.8f, height * 0.8f);
            using var bezel = new SKPaint { Color = new SKColor(22, 22, 24) };
            canvas.DrawRect(SKRect.Inflate(inner, width * 0.04f, height * 0.04f), bezel);
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, inner, new SKSamplingOptions(SKFilterMode.Linear));
            ApplyScreenTone(screen, inner);
            if (glare)
            {
                using var shine = new SKPaint
                {
                    Shader = SKShader.CreateRadialGradient(new SKPoint(width * 0.68f, height * 0.3f), width * 0.3f,
                        [new SKColor(255, 255, 255, 150), new SKColor(255, 255, 255, 0)], SKShaderTileMode.Clamp),
                };
                canvas.DrawRect(inner, shine);
            }
        }
        // the camera's view of it: a softer, smaller image, JPEG-encoded as a kiosk snapshot is
        using var small = screen.Resize(new SKImageInfo((int)(width * 0.7f), (int)(height * 0.7f)), new SKSamplingOptions(SKFilterMode.Linear));
        using var back = small.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear));
        using var encoded = back.Encode(SKEncodedImageFormat.Jpeg, 80);
        return encoded.ToArray();
    }

    /// <summary>Lifted blacks, a blue cast and two moiré gratings over the screen area.</summary>
    private static void ApplyScreenTone(SKBitmap screen, SKRect area)
    {
        var pixels = screen.GetPixelSpan();
        var (a1, a2) = (15 * MathF.PI / 180, -40 * MathF.PI / 180);
        for (var y = (int)area.Top; y < (int)area.Bottom; y++)
        {
            for (var x = (int)area.Left; x < (int)area.Right; x++)
            {
                var moire = 1 + 0.07f * MathF.Sin(2 * MathF.PI * (x * MathF.Cos(a1) + y * MathF.Sin(a1)) / 3.3f)
                              + 0.05f * MathF.Sin(2 * MathF.PI * (x * MathF.Cos(a2) + y * MathF.Sin(a2)) / 4.1f);
                var offset = (y * screen.Width + x) * 4;
                for (var c = 0; c < 3; c++)
                {
                    var cast = c == 2 ? 1.06f : c == 0 ? 0.95f : 1f;
                    var value = (24 + pixels[offset + c] * 0.86f) * cast * moire;
                    pixels[offset + c] = (byte)Math.Clamp(value, 0, 255);
                }
            }
        }
    }
}
