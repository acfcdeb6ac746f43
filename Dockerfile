# Builds with the .NET SDK image and runs on the ASP.NET runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/AccountRegistry.Web -c Release -o /app/web \
 && dotnet publish src/AccountRegistry.Cli -c Release -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER app
# The web app waits for nothing: docker-compose runs `registry migrate` (and seed-demo if asked) first.
ENTRYPOINT ["dotnet", "/app/web/AccountRegistry.Web.dll"]
