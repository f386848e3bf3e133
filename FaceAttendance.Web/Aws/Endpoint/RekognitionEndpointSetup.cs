using FaceAttendance.Vision;
using FaceAttendance.Web.Aws.SigV4;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Aws.Endpoint;

internal static class RekognitionEndpointSetup
{
    public static void AddRekognitionEndpoint(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RekognitionEndpointOptions>().BindConfiguration(RekognitionEndpointOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new FaceCollections(
            Path.Combine(sp.GetRequiredService<DataDirOptions>().DataPath, "rekognition"), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new RekognitionImages(
            sp.GetRequiredService<FaceEngine>(), sp.GetRequiredService<IObjectStore>(), Options(sp).Bucket));
        builder.Services.AddSingleton(sp => new LocalRekognition(
            sp.GetRequiredService<FaceEngine>(), sp.GetRequiredService<FaceCollections>(), sp.GetRequiredService<RekognitionImages>(),
            Options(sp).AccountId));
        builder.Services.AddSingleton(sp => new SigV4Verifier("rekognition", Options(sp).Region is { Length: > 0 } region ? region : null, Options(sp).SecretFor, sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>Serves the endpoint only when configured on, so a default install exposes no extra API.</summary>
    public static void MapRekognitionEndpointWhenEnabled(this WebApplication app)
    {
        if (Options(app.Services).Enabled)
        {
            app.MapRekognitionEndpoint();
        }
    }

    private static RekognitionEndpointOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<RekognitionEndpointOptions>>().Value;
}
