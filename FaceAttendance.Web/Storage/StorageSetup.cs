using FaceAttendance.Web.Aws.S3;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Storage;

internal static class StorageSetup
{
    public static void AddObjectStore(this WebApplicationBuilder builder)
    {
        // upload tokens and the admin cookie must survive restarts and work on every instance, so the key ring lives in
        // the shared database
        builder.Services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        builder.Services.AddValidatedOptions<UploadOptions>(UploadOptions.Section);
        builder.Services.AddValidatedOptions<SnapshotRetentionOptions>(SnapshotRetentionOptions.Section);
        builder.Services.AddValidatedOptions<KeyRingOptions>(KeyRingOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();
        builder.Services.AddDataProtection().SetApplicationName("FaceAttendance").PersistKeysToDbContext<AttendanceDbContext>();
        builder.Services.EncryptKeyRing();
        builder.Services.AddSingleton<UploadTokens>();
        builder.Services.AddSingleton<DiskSpace>();
        builder.Services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<StorageOptions>().Provider switch
        {
            StorageProvider.Local => LocalObjectStore.Create(
                Path.Combine(sp.GetRequiredService<DataDirOptions>().DataPath, "objects"), sp.GetRequiredService<UploadTokens>()),
            StorageProvider.S3 => sp.CreateS3ObjectStore(),
            var other => throw new NotSupportedException($"Storage provider {other} is not available."),
        });
        builder.AddS3ObjectStore();
        builder.Services.AddHostedService<SnapshotRetentionService>();
        builder.Services.AddSingleton<SnapshotRetention>();
    }
}
