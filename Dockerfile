# TaskWatch container image. Not built by CI (no Docker engine there); kept simple enough to read as correct.
# Build: docker build -t taskwatch .    Run: docker run -p 8080:8080 -v taskwatch-data:/data taskwatch
# Demo:  docker run -p 8080:8080 -e TaskWatch__Demo__Enabled=true taskwatch

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.rsp TaskWatch.csproj ./
RUN dotnet restore TaskWatch.csproj -r linux-x64
COPY . .
# Framework-dependent (the runtime comes from the ASP.NET image below), ReadyToRun as TaskWatch.csproj sets it.
RUN dotnet publish TaskWatch.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app .
# The image's own non-root user (APP_UID, 1654); it owns only the data volume.
RUN mkdir -p /data && chown -R "$APP_UID" /data
USER $APP_UID
VOLUME ["/data"]
# Safe by default: no simulator and no fake jobs beside a real cloud; TaskWatch__Demo__Enabled=true turns the demo on.
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    TaskWatch__Database=/data/taskwatch.db \
    TaskWatch__Demo__Enabled=false
EXPOSE 8080
# The ASP.NET image has no curl or wget: the app itself asks its /healthz/live (src/Operations/HealthProbe.cs).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["dotnet", "TaskWatch.dll", "--health"]
ENTRYPOINT ["dotnet", "TaskWatch.dll"]
