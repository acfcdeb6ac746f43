using AccountRegistry.Application;
using AccountRegistry.Infrastructure;
using AccountRegistry.Web;
using Serilog;

// A plain console logger for start-up failures; the host configures its own from appsettings.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddRegistryLogging();
    builder.Services.AddInfrastructure(builder.Configuration);
    builder.Services.AddApplication();
    builder.AddWeb();

    var app = builder.Build();
    app.UseWeb();
    await app.RunAsync();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The web host stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

public partial class Program;
