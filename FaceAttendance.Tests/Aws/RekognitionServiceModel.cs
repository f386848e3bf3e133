using System.Text.Json;
using System.Text.RegularExpressions;

namespace FaceAttendance.Tests.Aws;

/// <summary>
/// Rekognition's service model (../shared/aws/rekognition-service-2.json, botocore's) as a checker of the endpoint's
/// answers: a 200 body against the operation's output shape (required members, no unknown members, types, patterns,
/// lengths, ranges, enums, recursively), an error body against the operation's declared errors plus the errors AWS
/// answers for any JSON 1.1 call (<see cref="CommonErrors"/>).
/// </summary>
public static class RekognitionServiceModel
{
    // errors of the JSON protocol and of SigV4 that any operation may answer (not listed per operation in the model)
    private static readonly HashSet<string> CommonErrors =
    [
        "ValidationException", "SerializationException", "UnknownOperationException", "UnrecognizedClientException",
        "InvalidSignatureException", "IncompleteSignatureException", "MissingAuthenticationTokenException",
    ];

    private static readonly Lazy<JsonElement> Model = new(() =>
    {
        var path = Path.Combine(TestPaths.RepoRoot, "..", "shared", "aws", "rekognition-service-2.json");
        return File.Exists(path)
            ? JsonDocument.Parse(File.ReadAllBytes(path)).RootElement
            : throw new FileNotFoundException($"Rekognition's service model is missing at {path}: the conformance tests read ../shared/aws.");
    });

    private static JsonElement Shapes => Model.Value.GetProperty("shapes");

    /// <summary>Every way the recorded answers break the model, one line each; empty when they all conform.</summary>
    public static List<string> Violations(IEnumerable<RekognitionServer.Exchange> exchanges)
    {
        var violations = new List<string>();
        foreach (var exchange in exchanges)
        {
            var where = $"{exchange.Operation} ({exchange.Status})";
            if (!Model.Value.GetProperty("operations").TryGetProperty(exchange.Operation, out var operation))
            {
                if (exchange.Status == 400 && exchange.Body.Contains("UnknownOperationException"))
                {
                    continue; // an operation the endpoint refuses as unknown, as it must
                }
                violations.Add($"{where}: not an operation of the model");
                continue;
            }
            JsonElement body;
            try
            {
                body = JsonDocument.Parse(exchange.Body).RootElement;
            }
            catch (JsonException e)
            {
                violations.Add($"{where}: body is not JSON ({e.Message})");
                continue;
            }
            if (exchange.Status == 200)
            {
                Check(operation.GetProperty("output").GetProperty("shape").GetString()!, body, "$", violations, where);
            }
            else
            {
                CheckError(operation, body, violations, where);
            }
        }
        return violations;
    }

    private static void CheckError(JsonElement operation, JsonElement body, List<string> violations, string where)
    {
        var declared = operation.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToHashSet()
            : [];
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("__type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            violations.Add($"{where}: an error body needs a string __type");
            return;
        }
        var code = type.GetString()!;
        if (!declared.Contains(code) && !CommonErrors.Contains(code) && code != "InternalServerError")
        {
            violations.Add($"{where}: error {code} is not one the model declares for this operation");
        }
        if (!body.TryGetProperty("Message", out var message) || message.ValueKind != JsonValueKind.String)
        {
            violations.Add($"{where}: error {code} has no string Message");
        }
    }

    private static void Check(string shapeName, JsonElement value, string path, List<string> violations, string where)
    {
        var shape = Shapes.GetProperty(shapeName);
        var type = shape.GetProperty("type").GetString();
        void Fail(string what) => violations.Add($"{where} {path} ({shapeName}): {what}");
        switch (type)
        {
            case "structure":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    Fail($"expected an object, got {value.ValueKind}");
                    return;
                }
                var members = shape.GetProperty("members");
                if (shape.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
                    {
                        Fail($"required member {name} is missing");
                    }
                }
                foreach (var property in value.EnumerateObject())
                {
                    if (members.TryGetProperty(property.Name, out var member))
                    {
                        Check(member.GetProperty("shape").GetString()!, property.Value, $"{path}.{property.Name}", violations, where);
                    }
                    else
                    {
                        Fail($"member {property.Name} is not in the model");
                    }
                }
                break;
            case "list":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    Fail($"expected an array, got {value.ValueKind}");
                    return;
                }
                CheckRange(shape, value.GetArrayLength(), "items", Fail);
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(shape.GetProperty("member").GetProperty("shape").GetString()!, item, $"{path}[{index++}]", violations, where);
                }
                break;
            case "map":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    Fail($"expected an object, got {value.ValueKind}");
                    return;
                }
                foreach (var entry in value.EnumerateObject())
                {
                    Check(shape.GetProperty("value").GetProperty("shape").GetString()!, entry.Value, $"{path}.{entry.Name}", violations, where);
                }
                break;
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    Fail($"expected a string, got {value.ValueKind}");
                    return;
                }
                var text = value.GetString()!;
                CheckRange(shape, text.Length, "characters", Fail);
                if (shape.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, $"^(?:{pattern.GetString()})$"))
                {
                    Fail($"'{text}' does not match the pattern {pattern.GetString()}");
                }
                if (shape.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == text))
                {
                    Fail($"'{text}' is not one of its enum values");
                }
                break;
            case "integer" or "long":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var whole))
                {
                    Fail($"expected a whole number, got {value}");
                    return;
                }
                CheckRange(shape, whole, "", Fail);
                break;
            case "float" or "double":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    Fail($"expected a number, got {value.ValueKind}");
                    return;
                }
                CheckRange(shape, value.GetDouble(), "", Fail);
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Fail($"expected a boolean, got {value.ValueKind}");
                }
                break;
            case "timestamp":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    Fail($"expected epoch seconds, got {value.ValueKind}");
                }
                break;
            case "blob":
                if (value.ValueKind != JsonValueKind.String || !Convert.TryFromBase64String(value.GetString()!, new byte[value.GetString()!.Length], out _))
                {
                    Fail("expected base64");
                }
                break;
            default:
                Fail($"shape type {type} is not checked");
                break;
        }
    }

    private static void CheckRange(JsonElement shape, double actual, string unit, Action<string> fail)
    {
        if (shape.TryGetProperty("min", out var min) && actual < min.GetDouble())
        {
            fail($"{actual} {unit} is below the minimum {min.GetDouble()}".Replace("  ", " "));
        }
        if (shape.TryGetProperty("max", out var max) && actual > max.GetDouble())
        {
            fail($"{actual} {unit} is above the maximum {max.GetDouble()}".Replace("  ", " "));
        }
    }
}
