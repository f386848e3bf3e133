using FaceAttendance.Vision;
using FaceAttendance.Web.Aws.Engine;
using FaceAttendance.Web.Configuration;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Faces;

internal static class FaceRecognitionSetup
{
    public static void AddFaceRecognition(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EngineOptions>(EngineOptions.Section);
        builder.Services.AddValidatedOptions<RecognitionOptions>(RecognitionOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<RecognitionOptions>, RecognitionOptionsValidator>();
        builder.Services.AddOptions<FaceEngineOptions>().BindConfiguration(EngineOptions.Section);
        // one engine per process: it holds an ONNX session per model and is thread-safe
        builder.Services.AddSingleton(sp => FaceEngine.Load(sp.GetRequiredService<IOptions<FaceEngineOptions>>().Value));
        builder.Services.AddSingleton<IFaceRecognizer>(sp => sp.GetRequiredService<EngineOptions>().Provider switch
        {
            EngineProvider.Local => ActivatorUtilities.CreateInstance<LocalFaceRecognizer>(sp),
            EngineProvider.Rekognition => sp.CreateRekognitionRecognizer(),
            var other => throw new NotSupportedException($"Engine provider {other} is not available."),
        });
        builder.AddRekognitionEngine();
        builder.Services.AddHostedService<FaceIndexFollower>();
    }

    /// <summary>Loads the engine and the face index before the first request, so no kiosk waits for it.</summary>
    public static Task PrepareFaceRecognitionAsync(this WebApplication app) =>
        app.Services.GetRequiredService<IFaceRecognizer>().PrepareAsync(app.Lifetime.ApplicationStopping);
}
