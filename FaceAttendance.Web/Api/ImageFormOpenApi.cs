using FaceAttendance.Web.Attendance;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FaceAttendance.Web.Api;

internal static class ImageFormOpenApi
{
    /// <summary>Accepts JSON <c>{"key"}</c> or a multipart form with the file field <c>image</c>, and documents both
    /// (one Accepts names both types, because the router refuses any content type no Accepts names).</summary>
    public static RouteHandlerBuilder AcceptsKeyOrImageForm(this RouteHandlerBuilder endpoint) => endpoint
        .Accepts<SnapshotKeyRequest>("application/json", "multipart/form-data")
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("multipart/form-data", out var form) == true)
            {
                form.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "image" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["image"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    },
                };
            }
            return Task.CompletedTask;
        });
}
