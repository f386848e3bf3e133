# FaceAttendance web app. Build from the repo root: docker build -t faceattendance .
# Run: docker run -d -p 8080:8080 -v faceattendance-data:/data --name faceattendance faceattendance
# The first start prints the generated admin password and API key once: docker logs faceattendance
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# restore first, from the project files alone, so code changes reuse the restored layer
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig appsettings.json ./
COPY FaceAttendance.Vision/FaceAttendance.Vision.csproj FaceAttendance.Vision/
COPY FaceAttendance.Web/FaceAttendance.Web.csproj FaceAttendance.Web/
RUN dotnet restore FaceAttendance.Web/FaceAttendance.Web.csproj -r linux-x64
COPY models/ models/
COPY FaceAttendance.Vision/ FaceAttendance.Vision/
COPY FaceAttendance.Web/ FaceAttendance.Web/
# the kiosk's and admin site's CSS and JS, at the top of the repo like appsettings.json; publish puts them in /app/wwwroot
COPY wwwroot/ wwwroot/
# linux-x64 only and framework-dependent (the aspnet image has the runtime): native libraries of one platform, not eight
RUN dotnet publish FaceAttendance.Web/FaceAttendance.Web.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app
# the data volume's mount point, made here because the runtime image has no shell
RUN mkdir -m 700 /data

# Ubuntu chiseled: the runtime and the few libraries it needs, no shell or package manager; "extra" adds ICU and
# tzdata, which FaceAttendance:TimeZone needs. ONNX Runtime and SkiaSharp need only libc and libstdc++.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app ./
# the database, photos, key ring and generated admin credentials live in the volume, owned by the non-root app user
# (1654 is $APP_UID of the .NET images)
COPY --from=build --chown=1654:1654 /data /data
# behind a TLS-terminating proxy (browsers give the kiosk a camera only over HTTPS) name it, so its X-Forwarded-Proto
# keeps /presign's upload URLs on https and X-Forwarded-For gives the rate limit the kiosk's address, e.g.
#   -e FaceAttendance__ForwardedHeaders__KnownNetworks__0=10.0.0.0/8
# (never ASPNETCORE_FORWARDEDHEADERS_ENABLED: it believes the headers from any client)
ENV ASPNETCORE_HTTP_PORTS=8080 \
    FaceAttendance__DataDir=/data
VOLUME /data
EXPOSE 8080
USER $APP_UID
# the app's own probe of /healthz (the image has no curl); the start period covers loading the models and the index
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "FaceAttendance.Web.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "FaceAttendance.Web.dll"]
