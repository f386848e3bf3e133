using FaceAttendance.Web.Aws.S3;
using FaceAttendance.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace FaceAttendance.Web.Storage;

internal static class StorageSetup
{
    public static void AddObjectStore(this WebApplicationBuilder builder)
    {
        // upload tokens and the admin cookie must survive restarts, so the key ring lives in DataDir
        // (set from the bound options rather than at build time, so hosts that add configuration late still count)
        builder.Services.AddDataProtection().SetApplicationName("FaceAttendance");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<FaceAttendanceOptions, ILoggerFactory>((keys, options, logging) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(options.DataPath, "keys")), logging));
        builder.Services.AddSingleton<UploadTokens>();
        builder.Services.AddSingleton<IObjectStore>(sp =>
        {
            var options = sp.GetRequiredService<FaceAttendanceOptions>();
            return options.Storage.Provider switch
            {
                StorageProvider.Local => new LocalObjectStore(Path.Combine(options.DataPath, "objects"), sp.GetRequiredService<UploadTokens>()),
                StorageProvider.S3 => sp.CreateS3ObjectStore(),
                var other => throw new NotSupportedException($"Storage provider {other} is not available."),
            };
        });
        builder.AddS3ObjectStore();
        builder.Services.AddHostedService<SnapshotRetentionService>();
        builder.Services.AddSingleton<SnapshotRetention>();
    }
}
