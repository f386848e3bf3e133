using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;

namespace FaceAttendance.Cli.EnrolFolder;

/// <summary>
/// `enrol-folder --url URL [--api-key KEY] [--consent-given] DIR`: enrols DIR/&lt;employeeId&gt;/&lt;photo&gt; through the app's admin API, so it
/// works with every engine and store the app is configured with. Exit code 0 when every photo went in (or already was),
/// 1 when any was refused, 2 on a usage error or when the app cannot be reached or refuses the key.
/// </summary>
internal static class EnrolFolderCommand
{
    private const string ApiKeyVariable = "FACEATTENDANCE_API_KEY";

    public static Command Create()
    {
        var url = new Option<Uri>("--url")
        {
            Description = "The app's address (with its path base, if any): http or https",
            Required = true,
            CustomParser = HttpUrl,
        };
        var apiKey = new Option<string>("--api-key") { Description = $"The admin API key; defaults to ${ApiKeyVariable}" };
        var consentGiven = new Option<bool>("--consent-given")
        {
            Description = "Everyone in the folder agreed to the biometric notice, as a person.json's \"consent\": true says for one",
        };
        var folder = new Argument<DirectoryInfo>("folder")
        {
            Description = "DIR/<employeeId>/<photo>, with an optional DIR/<employeeId>/person.json {\"employeeId\",\"name\",\"email\",\"consent\"}",
        }.AcceptExistingOnly();
        var command = new Command("enrol-folder", "Enrols a folder of staff photos through the app's admin API; exit code 1 when a photo was refused")
        {
            url, apiKey, consentGiven, folder,
        };
        command.Validators.Add(result =>
        {
            if (ApiKeyOrVariable(result.GetValue(apiKey)).Length == 0)
            {
                result.AddError($"No API key: pass --api-key or set {ApiKeyVariable}.");
            }
        });
        command.SetAction(async (parsed, ct) =>
        {
            // the app's path base is kept: relative API paths resolve under it only with a trailing slash
            using var admin = new HttpClient { BaseAddress = new Uri(parsed.GetRequiredValue(url).AbsoluteUri.TrimEnd('/') + "/") };
            admin.DefaultRequestHeaders.Add("X-Api-Key", ApiKeyOrVariable(parsed.GetValue(apiKey)));
            return await RunAsync(admin, parsed.GetRequiredValue(folder).FullName, parsed.GetValue(consentGiven), Console.Out, Console.Error, ct);
        });
        return command;
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

    // the variable is read here rather than as the option's default, which --help would print
    private static string ApiKeyOrVariable(string? given) => given ?? Environment.GetEnvironmentVariable(ApiKeyVariable) ?? "";

    private static Uri? HttpUrl(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }
        result.AddError($"--url {text} is not an http or https address.");
        return null;
    }
}
