using LeadGrains.Storage.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadGrains.Grains.Leads;

/// <summary>
/// Writes this silo's lead-list rows every <see cref="JournalOptions.ListFlushMilliseconds"/>,
/// and once more when the silo stops. A flush that fails keeps its rows for the next.
/// </summary>
public sealed partial class LeadListFlusher(ILeadStore store, IOptions<JournalOptions> options, ILogger<LeadListFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ListFlushMilliseconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Commits can still come in until the silo has stopped; what they leave is repaired by
        // the next silo to start, since this one's owner name is then dead.
        await FlushAsync();
    }

    private async Task FlushAsync()
    {
        try
        {
            await store.FlushListAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            LogFlushFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Writing the lead list failed; its rows are kept for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception e);
}
