using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Approvals;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Aws.Endpoint;
using FaceAttendance.Web.Aws.Engine;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Health;
using FaceAttendance.Web.Hours;
using FaceAttendance.Web.Hosting.Lambda;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.Localization;
using FaceAttendance.Web.Observability;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Pins;
using FaceAttendance.Web.Sites;
using FaceAttendance.Web.Storage;
using FaceAttendance.Web.Webhooks;

if (args is [HealthProbe.Flag, ..])
{
    return await HealthProbe.RunAsync(args);
}

// a start that fails (bad configuration, a port in use, a locked data dir) says why in one line and exits non-zero
try
{
    var builder = WebApplication.CreateBuilder(args);
    // the host would log a failed start again with its stack trace; the catch below says it once
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

    builder.AddRepoAppSettings();
    builder.AddSsmParameters();
    builder.AddAttendanceCalendar();
    builder.AddAttendanceDatabase();
    builder.AddObjectStore();
    builder.AddFaceRecognition();
    builder.AddPeopleAndAttendance();
    builder.AddApprovals();
    builder.AddWebhooks();
    builder.AddAdminAuth();
    builder.AddOidcSignIn();
    builder.AddKiosks();
    builder.AddApiPlumbing();
    builder.AddLanguages();
    builder.AddKioskRateLimit();
    builder.AddHealth();
    builder.AddObservability();
    builder.AddRekognitionEndpoint();
    builder.AddLambdaHosting();

    var app = builder.Build();
    app.ValidateOptionsNow();
    app.PrepareDataDir();

    app.UseApiPlumbing();

    app.MapApiDocs();
    app.MapHealth();
    app.MapMetricsWhenEnabled();
    app.MapUploadsApi();
    app.MapKioskApi();
    app.MapPinsApi();
    app.MapKioskDeviceApi();
    app.MapKiosksApi();
    app.MapPeopleApi();
    app.MapFacesApi();
    app.MapAttendanceAdminApi();
    app.MapAttendanceCorrectionsApi();
    app.MapApprovalsApi();
    app.MapWebhooksApi();
    app.MapAuditApi();
    app.MapAccountsApi();
    app.MapAccountManagementApi();
    app.MapApiKeysApi();
    app.MapTotpApi();
    app.MapSitesApi();
    app.MapDepartmentsApi();
    app.MapManagerScopeApi();
    app.MapSchedulesApi();
    app.MapPayRulesApi();
    app.MapOidcSignIn();
    app.MapRazorPages();
    app.MapRekognitionEndpointWhenEnabled();
    app.MapRekognitionSyncApi();

    await app.MigrateDatabaseAsync();
    await app.PrepareFaceRecognitionAsync();

    // not RunAsync: it disposes a host that failed to start, and its background services then report their
    // cancellation as faults, burying the reason under stack traces
    await app.StartAsync();
    // after the port is bound, so a failed start does not use up credentials that are shown only once
    app.EnsureAdminCredentials();
    await app.WaitForShutdownAsync();
    await app.DisposeAsync();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException) // that one is how test hosts stop the program after Build
{
    var reason = string.Join(" ", (e is AggregateException many ? many.Flatten().InnerExceptions.Select(inner => inner.Message) : [e.Message])
        .SelectMany(message => message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
    // straight to stderr: the console logger writes from a queue that an exiting process may never flush
    Console.Error.WriteLine($"FaceAttendance could not start: {reason}");
    // only here is every failed start seen, also those before the host exists (see ReportStartFailureAsync)
    await LambdaSetup.ReportStartFailureAsync(reason);
    return 1;
}
