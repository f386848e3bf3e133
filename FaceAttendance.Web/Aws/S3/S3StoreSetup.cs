using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.S3;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FaceAttendance.Web.Aws.S3;

internal static class S3StoreSetup
{
    /// <summary>Registers what <c>Storage:Provider=S3</c> needs; the store itself is chosen in StorageSetup's switch.</summary>
    public static void AddS3ObjectStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<S3StoreOptions>().BindConfiguration(S3StoreOptions.Section)
            .ValidateOnStartWhenSelected((StorageOptions storage) => storage.Provider == StorageProvider.S3);
        // the standard AWS section (Region, Profile, ...) and the SDK's credential chain
        builder.Services.TryAddSingleton(builder.Configuration.GetAWSOptions());
    }

    public static S3ObjectStore CreateS3ObjectStore(this IServiceProvider services)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<S3StoreOptions>>().Value;
        return new S3ObjectStore(CreateClient(options, services.GetRequiredService<AWSOptions>()), options,
            services.GetRequiredService<UploadOptions>().MaxBytes, services.GetRequiredService<ILogger<S3ObjectStore>>());
    }

    /// <summary>An S3 client for the bucket: Amazon S3 in the configured region, or the S3-compatible server at ServiceUrl.</summary>
    public static IAmazonS3 CreateClient(S3StoreOptions options, AWSOptions aws)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = options.ServiceUrl.ToString();
            // S3-compatible servers rarely implement the trailing checksums the SDK otherwise adds to every upload
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
            config.AuthenticationRegion = options.Region ?? aws.Region?.SystemName ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = options.Region is not null ? RegionEndpoint.GetBySystemName(options.Region) : aws.Region;
        }
        return new AmazonS3Client(AwsCredentials.Resolve(options.AccessKeyId, options.SecretAccessKey, aws), config);
    }
}
