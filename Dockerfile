# FaceAttendance web app. Build from the repo root: docker build -t face-attendance .
# Run: docker run -p 8080:8080 -v face-attendance-data:/data face-attendance
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# restore first, from the project files alone, so code changes reuse the restored layer
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig appsettings.json ./
COPY FaceAttendance.Vision/FaceAttendance.Vision.csproj FaceAttendance.Vision/
COPY FaceAttendance.Web/FaceAttendance.Web.csproj FaceAttendance.Web/
RUN dotnet restore FaceAttendance.Web/FaceAttendance.Web.csproj
COPY models/ models/
COPY FaceAttendance.Vision/ FaceAttendance.Vision/
COPY FaceAttendance.Web/ FaceAttendance.Web/
# the kiosk's and admin site's CSS and JS, at the top of the repo like appsettings.json; publish puts them in /app/wwwroot
COPY wwwroot/ wwwroot/
RUN dotnet publish FaceAttendance.Web/FaceAttendance.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# the database, photos, key ring and generated admin credentials live in the volume, owned by the non-root app user
RUN mkdir /data && chown "$APP_UID" /data
# behind a TLS-terminating proxy (browsers give the kiosk a camera only over HTTPS) name it, so its X-Forwarded-Proto
# keeps /presign's upload URLs on https and X-Forwarded-For gives the rate limit the kiosk's address, e.g.
#   -e FaceAttendance__ForwardedHeaders__KnownNetworks__0=10.0.0.0/8
# (never ASPNETCORE_FORWARDEDHEADERS_ENABLED: it believes the headers from any client)
ENV ASPNETCORE_HTTP_PORTS=8080 \
    FaceAttendance__DataDir=/data
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "FaceAttendance.Web.dll"]
