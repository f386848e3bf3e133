using Amazon.Extensions.NETCore.Setup;
using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Aws.Engine;

internal static class RekognitionEngineSetup
{
    /// <summary>Registers what <c>Engine:Provider=Rekognition</c> needs; the recognizer is chosen in FaceRecognitionSetup's switch.</summary>
    public static void AddRekognitionEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RekognitionEngineOptions>().BindConfiguration(RekognitionEngineOptions.Section)
            .ValidateOnStartWhenSelected((EngineOptions engine) => engine.Provider == EngineProvider.Rekognition);
        builder.Services.TryAddSingleton(builder.Configuration.GetAWSOptions());
        builder.Services.AddSingleton(CreateClient);
        builder.Services.AddSingleton(sp => new RekognitionCollectionSync(
            sp.GetRequiredService<RekognitionClient>(), sp.GetRequiredService<IObjectStore>(), Options(sp), sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<JobLeases>()));
        builder.Services.AddExceptionHandler<RekognitionExceptionHandler>();
    }

    public static RekognitionFaceRecognizer CreateRekognitionRecognizer(this IServiceProvider services) => new(
        services.GetRequiredService<RekognitionClient>(), services.GetRequiredService<IObjectStore>(), Options(services),
        services.GetRequiredService<RekognitionCollectionSync>(), services.GetRequiredService<Observability.AttendanceMetrics>(),
        services.GetRequiredService<ILogger<RekognitionFaceRecognizer>>());

    private static RekognitionClient CreateClient(IServiceProvider services)
    {
        var options = Options(services);
        var aws = services.GetRequiredService<AWSOptions>();
        var region = options.Region ?? aws.Region?.SystemName
            ?? throw new InvalidOperationException($"Set {RekognitionEngineOptions.Section}:Region or AWS:Region for Amazon Rekognition.");
        return new RekognitionClient(new RekognitionClientOptions { ServiceUrl = options.ServiceUrl },
            AwsCredentials.Resolve(options.AccessKeyId, options.SecretAccessKey, aws), region, services.GetRequiredService<TimeProvider>());
    }

    private static RekognitionEngineOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<RekognitionEngineOptions>>().Value;
}
