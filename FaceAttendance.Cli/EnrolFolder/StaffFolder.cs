using System.Text.Json;

namespace FaceAttendance.Cli.EnrolFolder;

/// <summary>
/// One person's sub-folder of the staff folder: who they are (the folder name is the employee id and, with `_` as
/// spaces, the name, unless a person.json says otherwise) and their files in ordinal order, so every run is the same.
/// </summary>
internal sealed record StaffFolder(string FolderName, NewPerson Person, IReadOnlyList<string> Photos, IReadOnlyList<string> OtherFiles)
{
    public const string PersonFileName = "person.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every sub-folder of <paramref name="root"/>, read before anything is uploaded so a bad layout or a
    /// malformed person.json stops the run without leaving half of it done.</summary>
    /// <exception cref="InvalidDataException">no sub-folders, or a person.json that is not the expected JSON.</exception>
    public static IReadOnlyList<StaffFolder> ReadAll(string root)
    {
        var folders = Directory.GetDirectories(root).Order(StringComparer.Ordinal).Select(Read).ToList();
        return folders.Count > 0
            ? folders
            : throw new InvalidDataException($"{root} has no sub-folders: lay the photos out as DIR/<employeeId>/<photo>");
    }

    private static StaffFolder Read(string path)
    {
        var folderName = Path.GetFileName(path);
        var declared = ReadPersonFile(Path.Combine(path, PersonFileName));
        var person = new NewPerson(declared?.EmployeeId ?? folderName, declared?.Name ?? folderName.Replace('_', ' '), declared?.Email, declared?.Consent ?? false);
        var files = Directory.GetFiles(path).Order(StringComparer.Ordinal).ToList();
        return new StaffFolder(folderName, person, [.. files.Where(PhotoFiles.IsPhoto)],
            [.. files.Where(file => !PhotoFiles.IsPhoto(file) && Path.GetFileName(file) != PersonFileName)]);
    }

    private static PersonFile? ReadPersonFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<PersonFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not {{\"employeeId\", \"name\", \"email\"}} JSON: {e.Message}", e);
        }
    }

    /// <summary>person.json: any field left out comes from the folder name.</summary>
    private sealed record PersonFile(string? EmployeeId, string? Name, string? Email, bool? Consent);
}
