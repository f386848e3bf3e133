using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FaceAttendance.Cli.EnrolFolder;

/// <summary>
/// The admin API calls enrol-folder makes, on an <see cref="HttpClient"/> whose base address is the app and which sends
/// the X-Api-Key header. A refusal of one person or photo comes back as a <see cref="Problem"/>; anything that would
/// fail every later call as well (a refused key, a failed lookup) throws <see cref="HttpRequestException"/>.
/// </summary>
internal sealed class AdminApiClient(HttpClient http)
{
    private const int PageSize = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>the person whose employee id is exactly <paramref name="employeeId"/>, or null.</returns>
    public async Task<Person?> FindByEmployeeIdAsync(string employeeId, CancellationToken ct)
    {
        // search matches any part of a name, employee id or email, so the exact id is picked out here, page by page
        for (var page = 1; ; page++)
        {
            var found = await GetAsync<PeoplePage>($"api/people?search={Uri.EscapeDataString(employeeId)}&page={page}&pageSize={PageSize}", ct);
            if (found.Items.FirstOrDefault(p => p.EmployeeId == employeeId) is { } person)
            {
                return person;
            }
            if (page * found.PageSize >= found.Total)
            {
                return null;
            }
        }
    }

    public async Task<(Person? Person, Problem? Problem)> CreateAsync(NewPerson person, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/people", person, Json, ct);
        return response.IsSuccessStatusCode ? (await ReadAsync<Person>(response, ct), null) : (null, await ProblemOfAsync(response, ct));
    }

    public async Task<IReadOnlyList<Guid>> FaceIdsAsync(Guid personId, CancellationToken ct) =>
        [.. (await GetAsync<PersonWithFaces>($"api/people/{personId}", ct)).Faces.Select(f => f.Id)];

    /// <returns>the photo the face was enrolled from, or null when the app no longer keeps it.</returns>
    public async Task<byte[]?> FacePhotoAsync(Guid personId, Guid faceId, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/people/{personId}/faces/{faceId}/photo", ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    public async Task<(NewFace? Face, Problem? Problem)> EnrolAsync(Guid personId, string fileName, byte[] photo, CancellationToken ct)
    {
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue(ContentTypeOf(fileName));
        using var form = new MultipartFormDataContent { { file, "image", fileName } };
        using var response = await http.PostAsync($"api/people/{personId}/faces", form, ct);
        return response.IsSuccessStatusCode ? (await ReadAsync<NewFace>(response, ct), null) : (null, await ProblemOfAsync(response, ct));
    }

    // the app sniffs the bytes anyway; the declared type only has to be a plausible one
    private static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    private async Task<T> GetAsync<T>(string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, ct);
        await EnsureSuccessAsync(response, ct);
        return await ReadAsync<T>(response, ct);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(Json, ct)
        ?? throw new HttpRequestException($"{response.RequestMessage?.RequestUri} answered with an empty body");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ProblemOfAsync(response, ct);
            throw new HttpRequestException($"{response.RequestMessage?.RequestUri} answered {problem.Describe()}", null, response.StatusCode);
        }
    }

    /// <summary>The response's ProblemDetails, or one made from its status when something in front of the app answered.</summary>
    private static async Task<Problem> ProblemOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new HttpRequestException($"the admin API refused the API key ({(int)response.StatusCode})", null, response.StatusCode);
        }
        return response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && await response.Content.ReadFromJsonAsync<Problem>(Json, ct) is { } problem
            ? problem
            : new Problem((int)response.StatusCode, response.ReasonPhrase, null, null, null);
    }
}
