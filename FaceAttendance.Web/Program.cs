using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Api;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Aws.Endpoint;
using FaceAttendance.Web.Aws.Engine;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Health;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddRepoAppSettings();
builder.AddFaceAttendanceOptions();
builder.AddAttendanceDatabase();
builder.AddObjectStore();
builder.AddFaceRecognition();
builder.AddPeopleAndAttendance();
builder.AddAdminAuth();
builder.AddApiPlumbing();
builder.AddKioskRateLimit();
builder.AddHealth();
builder.AddRekognitionEndpoint();

var app = builder.Build();

app.UseApiPlumbing();

app.MapApiDocs();
app.MapHealth();
app.MapUploadsApi();
app.MapKioskApi();
app.MapPeopleApi();
app.MapFacesApi();
app.MapAttendanceAdminApi();
app.MapRazorPages();
app.MapRekognitionEndpointWhenEnabled();
app.MapRekognitionSyncApi();

await app.MigrateDatabaseAsync();
app.EnsureAdminCredentials();
await app.PrepareFaceRecognitionAsync();

app.Run();
