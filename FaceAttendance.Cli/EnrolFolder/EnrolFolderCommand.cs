using System.Text.Json;

namespace FaceAttendance.Cli.EnrolFolder;

/// <summary>
/// `enrol-folder --url URL [--api-key KEY] [--consent-given] DIR`: enrols DIR/&lt;employeeId&gt;/&lt;photo&gt; through the app's admin API, so it
/// works with every engine and store the app is configured with. Exit code 0 when every photo went in (or already was),
/// 1 when any was refused, 2 on a usage error or when the app cannot be reached or refuses the key.
/// </summary>
internal static class EnrolFolderCommand
{
    public const string ApiKeyVariable = "FACEATTENDANCE_API_KEY";
    private const string Usage = "usage: enrol-folder --url URL [--api-key KEY] [--consent-given] DIR   (DIR/<employeeId>/<photo>; "
        + $"optional DIR/<employeeId>/person.json {{\"employeeId\",\"name\",\"email\",\"consent\"}}; the key defaults to ${ApiKeyVariable}; "
        + "--consent-given records that everyone in DIR agreed to the biometric notice, as a person.json's \"consent\": true does for one)";

    public static int Run(string[] args)
    {
        if (!TryParse(args, out var url, out var apiKey, out var folder, out var consentGiven))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        // the app's path base is kept: relative API paths resolve under it only with a trailing slash
        using var admin = new HttpClient { BaseAddress = new Uri(url.AbsoluteUri.TrimEnd('/') + "/") };
        admin.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return RunAsync(admin, folder, consentGiven, Console.Out, Console.Error, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <param name="admin">a client for the app that sends the admin API key.</param>
    /// <param name="consentGiven">every person created has agreed to the biometric notice (the operator holds the records).</param>
    public static async Task<int> RunAsync(HttpClient admin, string folder, bool consentGiven, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        IReadOnlyList<StaffFolder> staff;
        try
        {
            staff = [.. StaffFolder.ReadAll(folder).Select(staffFolder =>
                staffFolder with { Person = staffFolder.Person with { Consent = staffFolder.Person.Consent || consentGiven } })];
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            errors.WriteLine(e.Message);
            return 2;
        }
        var enrolment = new FolderEnrolment(new AdminApiClient(admin), output);
        try
        {
            await enrolment.EnrolAsync(staff, ct);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            errors.WriteLine($"enrol-folder stopped, {admin.BaseAddress} could not be used: {e.Message}");
            return 2;
        }
        return enrolment.Refused > 0 ? 1 : 0;
    }

    private static bool TryParse(string[] args, out Uri url, out string apiKey, out string folder, out bool consentGiven)
    {
        (url, apiKey, folder, consentGiven) = (null!, Environment.GetEnvironmentVariable(ApiKeyVariable) ?? "", "", false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Length && Uri.TryCreate(args[++i], UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https":
                    url = parsed;
                    break;
                case "--api-key" when i + 1 < args.Length:
                    apiKey = args[++i];
                    break;
                case "--consent-given":
                    consentGiven = true;
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && folder.Length == 0:
                    folder = value;
                    break;
                default:
                    return false;
            }
        }
        return url is not null && apiKey.Length > 0 && folder.Length > 0;
    }
}
