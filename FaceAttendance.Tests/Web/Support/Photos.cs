using SkiaSharp;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>Dev photos the engine accepts (sharp enough, one dominant face), and images composed from them.
/// Pairs were chosen once by their quality verdicts and similarities; the photos are never copied into the repo.</summary>
internal static class Photos
{
    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    public static byte[] AlSharpton(int n) => Read("Al_Sharpton", n);
    public static byte[] AlanGreenspan(int n) => Read("Alan_Greenspan", n);

    /// <summary>Yaw by the engine: 0003 −3°, 0005 −34° (turned to his left), 0007 0°, 0017 −14°.</summary>
    public static byte[] PervezMusharraf(int n) => Read("Pervez_Musharraf", n);
    public static byte[] ArielSharon(int n) => Read("Ariel_Sharon", n);
    public static byte[] ArtHowe(int n) => Read("Art_Howe", n);

    /// <summary>Someone no test enrols; below the match threshold against everyone above.</summary>
    public static byte[] NeverEnrolled => Read("Atal_Bihari_Vajpayee", 2);

    public static byte[] Read(string person, int n) => File.ReadAllBytes(PathOf(person, n));

    public static string PathOf(string person, int n) => Path.Combine(TestPaths.FacesDir, person, $"{person}_{n:0000}.jpg");

    /// <summary>A 640×480 kiosk-sized JPEG with the photo in the middle.</summary>
    public static byte[] OnKioskCanvas(byte[] photo) => Compose(640, 480, canvas =>
    {
        using var image = SKImage.FromEncodedData(photo);
        canvas.DrawImage(image, (640 - image.Width) / 2f, (480 - image.Height) / 2f, Sampling);
    });

    /// <summary>Two photos of the same size side by side: two faces, neither dominant.</summary>
    public static byte[] SideBySide(byte[] left, byte[] right) => Compose(500, 250, canvas =>
    {
        using var a = SKImage.FromEncodedData(left);
        using var b = SKImage.FromEncodedData(right);
        canvas.DrawImage(a, 0, 0, Sampling);
        canvas.DrawImage(b, 250, 0, Sampling);
    });

    /// <summary>A photo at full size with another at a third of its size in the corner: one face clearly dominates.</summary>
    public static byte[] WithSmallBystander(byte[] main, byte[] bystander) => Compose(400, 250, canvas =>
    {
        using var a = SKImage.FromEncodedData(main);
        using var b = SKImage.FromEncodedData(bystander);
        canvas.DrawImage(a, 0, 0, Sampling);
        canvas.DrawImage(b, new SKRect(300, 0, 383, 83), Sampling);
    });

    /// <summary>The photo at a share of its brightness (a tenth by default: a face the engine finds but judges too dark).</summary>
    public static byte[] Darkened(byte[] photo, float brightness = 0.1f) => Compose(250, 250, canvas =>
    {
        using var image = SKImage.FromEncodedData(photo);
        var b = brightness;
        using var dim = new SKPaint { ColorFilter = SKColorFilter.CreateColorMatrix([b, 0, 0, 0, 0, 0, b, 0, 0, 0, 0, 0, b, 0, 0, 0, 0, 0, 1, 0]) };
        canvas.DrawImage(image, 0, 0, Sampling, dim);
    });

    /// <summary>The photo mirrored left to right: the same face, its head turned the other way.</summary>
    public static byte[] Mirrored(byte[] photo)
    {
        using var image = SKImage.FromEncodedData(photo);
        return Compose(image.Width, image.Height, canvas =>
        {
            canvas.Scale(-1, 1, image.Width / 2f, 0);
            canvas.DrawImage(image, 0, 0, Sampling);
        });
    }

    /// <summary>A plain grey wall.</summary>
    public static byte[] NoFace => Compose(640, 480, canvas => canvas.Clear(new SKColor(128, 128, 128)));

    private static byte[] Compose(int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }
}
