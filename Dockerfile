# TaskWatch container image. Not built by CI (no Docker engine there); kept simple enough to read as correct.
# Build: docker build -t taskwatch .    Run: docker run -p 8080:8080 -v taskwatch-data:/data taskwatch

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props TaskWatch.csproj ./
RUN dotnet restore TaskWatch.csproj -r linux-x64
COPY . .
RUN dotnet publish TaskWatch.csproj -c Release -r linux-x64 --self-contained true --no-restore -o /app

# The output is self-contained (net9.0 runtime inside), so only the native dependencies are needed.
FROM mcr.microsoft.com/dotnet/runtime-deps:9.0 AS final
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown -R app:app /data
USER app
VOLUME ["/data"]
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    TaskWatch__Database=/data/taskwatch.db
EXPOSE 8080
ENTRYPOINT ["./TaskWatch"]
