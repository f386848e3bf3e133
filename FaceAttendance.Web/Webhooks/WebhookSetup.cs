using FaceAttendance.Web.Configuration;

namespace FaceAttendance.Web.Webhooks;

internal static class WebhookSetup
{
    public static void AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WebhookOptions>(WebhookOptions.Section);
        builder.Services.AddSingleton<WebhookOutbox>();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        // no redirects, no cookies: a delivery goes to the URL an admin registered and nowhere else
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<WebhookOptions>().Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    }
}
