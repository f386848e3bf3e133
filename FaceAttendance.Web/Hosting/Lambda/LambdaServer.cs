using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace FaceAttendance.Web.Hosting.Lambda;

/// <summary>
/// Stands in for Kestrel when the process runs in AWS Lambda: takes invocations from the Runtime API one at a time and
/// feeds each HTTP event (API Gateway REST or HTTP API, function URL) through the app's normal pipeline, so every
/// endpoint, page and filter behaves as under Kestrel. S3 events go to <see cref="S3EventRecorder"/>.
/// <see cref="StartAsync"/> returns once the loop runs, so hosted services and ApplicationStarted work as usual.
/// </summary>
/// (The recorder is resolved per S3 event: the host builds its server before the data dir it needs is prepared.)
public sealed partial class LambdaServer(LambdaRuntime runtime, IServiceProvider services, ILogger<LambdaServer> logger) : IServer
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        _loop = Task.Run(() => RunAsync(application, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task RunAsync<TContext>(IHttpApplication<TContext> application, CancellationToken stopping) where TContext : notnull
    {
        while (!stopping.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await runtime.NextAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                LogRuntimeUnreachable(logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }
            // X-Ray's SDKs read the trace header from here, as Lambda's own runtimes set it
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["AwsRequestId"] = invocation.RequestId });
            try
            {
                var answer = await InvokeAsync(application, invocation, stopping);
                await runtime.RespondAsync(invocation.RequestId, answer, stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                LogInvocationFailed(logger, e, invocation.RequestId);
                await runtime.ReportErrorAsync(invocation.RequestId, e, stopping);
            }
        }
    }

    private async Task<byte[]> InvokeAsync<TContext>(IHttpApplication<TContext> application, LambdaInvocation invocation, CancellationToken stopping)
        where TContext : notnull
    {
        using var document = JsonDocument.Parse(invocation.Event);
        if (S3EventRecorder.IsS3Event(document.RootElement))
        {
            return await services.GetRequiredService<S3EventRecorder>().RecordAsync(invocation.Event, stopping);
        }
        var request = ApiGatewayRequest.Read(document.RootElement)
            ?? throw new NotSupportedException("The event is neither an API Gateway or function URL request nor an S3 notification.");
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        aborted.CancelAfter(Remaining(invocation.Deadline));
        var response = new LambdaResponse();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request.ToFeature());
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(request.Body.Length > 0));
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = invocation.RequestId });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = aborted.Token });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = invocation.RequestId,
            RemoteIpAddress = request.RemoteAddress,
            LocalIpAddress = IPAddress.Loopback,
        });
        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context);
            await response.CompleteAsync();
        }
        catch (Exception e)
        {
            // the exception handler answers what the app knows; this is what escaped it: a 500 without details
            failure = e;
            LogRequestFailed(logger, e, request.Method, request.Path);
            if (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status500InternalServerError;
                response.Headers.Clear();
                response.Headers.ContentType = "application/problem+json";
                await ((IHttpResponseBodyFeature)response).Stream.WriteAsync(
                    """{"title":"An error occurred while processing your request.","status":500}"""u8.ToArray(), stopping);
            }
        }
        await response.RunCompletedAsync();
        application.DisposeContext(context, failure);
        return response.ToEvent(request.Payload);
    }

    private static TimeSpan Remaining(DateTimeOffset deadline)
    {
        var remaining = deadline - DateTimeOffset.UtcNow;
        return remaining <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : remaining > TimeSpan.FromDays(1) ? Timeout.InfiniteTimeSpan : remaining;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        runtime.Dispose();
    }

    /// <summary>Minimal APIs read a body only when the server says the request can have one.</summary>
    private sealed record BodyDetection(bool CanHaveBody) : IHttpRequestBodyDetectionFeature;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Lambda Runtime API did not answer ({Reason}); asking again")]
    private static partial void LogRuntimeUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {RequestId} failed")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed outside the app's exception handler")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string method, string path);
}
