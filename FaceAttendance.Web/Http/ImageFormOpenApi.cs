using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FaceAttendance.Web.Http;

internal static class ImageFormOpenApi
{
    /// <summary>Accepts JSON <c>{"key"}</c> or a multipart form with the file field <c>image</c> of at most
    /// <paramref name="maxBytes"/>, and documents both (one Accepts names both types, because the router refuses any
    /// content type no Accepts names) with the problems an image can cause.</summary>
    /// <param name="maxImages">how many images one request may carry (a kiosk's burst).</param>
    public static RouteHandlerBuilder AcceptsKeyOrImageForm(this RouteHandlerBuilder endpoint, long maxBytes, int maxImages = 1) => endpoint
        .Accepts<ImageKeyRequest>("application/json", "multipart/form-data")
        .WithMetadata(new RequestSizeLimitAttribute(maxBytes * maxImages + ApiSetup.FormOverheadBytes))
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
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
