# TaskWatch container image. Not built by CI (no Docker engine there); kept simple enough to read as correct.
# Build: docker build -t taskwatch .    Run: docker run -p 8080:8080 -v taskwatch-data:/data taskwatch

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
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    TaskWatch__Database=/data/taskwatch.db
EXPOSE 8080
ENTRYPOINT ["dotnet", "TaskWatch.dll"]
