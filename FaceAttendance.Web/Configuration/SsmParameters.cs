using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace FaceAttendance.Web.Configuration;

/// <summary>
/// Secrets from AWS Systems Manager Parameter Store: with <c>FaceAttendance:Secrets:SsmParameterPath</c> set (e.g.
/// <c>/faceattendance/prod/</c>), every parameter under it, SecureStrings decrypted, becomes a setting named by the
/// rest of its name with '/' for ':': <c>/faceattendance/prod/FaceAttendance/KeyRingKey</c> is
/// <c>FaceAttendance:KeyRingKey</c>. Read once at start, above appsettings.json and below environment variables.
/// </summary>
internal static class SsmParameters
{
    public const string PathKey = "FaceAttendance:Secrets:SsmParameterPath";
    public const string ServiceUrlKey = "FaceAttendance:Secrets:SsmServiceUrl";

    public static void AddSsmParameters(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[PathKey] is not { Length: > 0 } path)
        {
            return;
        }
        var prefix = path.EndsWith('/') ? path : path + "/";
        var settings = LoadAsync(builder.Configuration, prefix).GetAwaiter().GetResult();
        var sources = builder.Configuration.Sources;
        // below the environment and the command line, so a variable can still override one parameter
        var environment = sources.Select((source, index) => (source, index)).LastOrDefault(s =>
            s.source is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        var parameters = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings };
        if (environment.source is null)
        {
            sources.Add(parameters);
        }
        else
        {
            sources.Insert(environment.index, parameters);
        }
    }

    private static async Task<Dictionary<string, string?>> LoadAsync(IConfiguration configuration, string prefix)
    {
        var config = new AmazonSimpleSystemsManagementConfig();
        if (configuration[ServiceUrlKey] is { Length: > 0 } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
        }
        else if (configuration["AWS:Region"] is { Length: > 0 } region)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }
        using var ssm = new AmazonSimpleSystemsManagementClient(config);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string? nextToken = null;
        do
        {
            var page = await ssm.GetParametersByPathAsync(new GetParametersByPathRequest
            {
                Path = prefix.TrimEnd('/'), Recursive = true, WithDecryption = true, NextToken = nextToken,
            });
            foreach (var parameter in page.Parameters ?? [])
            {
                settings[parameter.Name[prefix.Length..].Replace('/', ':')] = parameter.Value;
            }
            nextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));
        return settings;
    }
}
