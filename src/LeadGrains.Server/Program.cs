using LeadGrains.Server.Apis;
using LeadGrains.Server.Demo;
using LeadGrains.Server.Hosting;
using LeadGrains.Server.Security;

// Content root is the app folder (appsettings.json), whatever the working directory (./data) is.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddLeadGrainsSources(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

var options = builder.Configuration.GetSection(LeadGrainsOptions.Section).Get<LeadGrainsOptions>() ?? new LeadGrainsOptions();
options.ConnectionString ??= builder.Configuration.GetConnectionString("LeadGrains");
builder.Services.AddOptions<LeadGrainsOptions>()
    .Configure(o => builder.Configuration.GetSection(LeadGrainsOptions.Section).Bind(o))
    .PostConfigure(o => o.ConnectionString ??= options.ConnectionString)
    .ValidateDataAnnotations()
    .ValidateOnStart();

using (var loggerFactory = LoggerFactory.Create(l => l.AddConsole()))
{
    await StorageRegistration.MigrateAsync(options, loggerFactory.CreateLogger("LeadGrains.Migrations"), CancellationToken.None);
}

builder.AddServiceDefaults();
builder.Services.AddLeadGrainsSilo(options);
builder.Services.AddApiKeySecurity();
builder.Services.AddLeadGrainsDemo(options);
builder.UseOrleans(silo => OrleansRegistration.ConfigureSilo(silo, options));

var app = builder.Build();
// First, so a failure anywhere (a key lookup included) becomes problem details.
app.UseExceptionHandler();
app.UseAuthentication();
app.UseAuthorization();
app.MapServiceDefaults();
app.MapEventsApi();
app.MapLeadsApi();
app.MapKeysApi();
app.MapTenantApi();
app.MapKpisApi();
app.MapMetricsApi();
app.MapKgiApi();
app.MapReportsApi();
app.Run();
