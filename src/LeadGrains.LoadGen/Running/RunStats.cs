using System.Diagnostics;
using LeadGrains.Simulation.Batches;

namespace LeadGrains.LoadGen.Running;

/// <summary>What a run has done so far; updated by every sender, read by the live line and the summary.</summary>
public sealed class RunStats
{
    private const int KeptProblems = 5;

    private readonly Lock _problemsLock = new();
    private readonly List<string> _problems = [];
    private long _sent, _acknowledged, _duplicates, _rejected, _errors, _batches, _retries;
    private long _duplicatesSent, _invalidSent, _rejectedBatches, _errorBatches;
    private long _reportsSent, _reportsAcknowledged, _reportsDuplicates;
    private long _measuredCompleted, _measuredBatches, _lastMeasuredEnd;
    private long _lateBatches, _maxStartDelayTicks;

    public LatencyRecorder Latency { get; } = new();

    public long Sent => Interlocked.Read(ref _sent);
    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Errors => Interlocked.Read(ref _errors);
    public long Batches => Interlocked.Read(ref _batches);
    public long Retries => Interlocked.Read(ref _retries);
    public long DuplicatesSent => Interlocked.Read(ref _duplicatesSent);
    public long InvalidSent => Interlocked.Read(ref _invalidSent);
    public long RejectedBatches => Interlocked.Read(ref _rejectedBatches);
    public long ErrorBatches => Interlocked.Read(ref _errorBatches);
    public long ReportsSent => Interlocked.Read(ref _reportsSent);
    public long ReportsAcknowledged => Interlocked.Read(ref _reportsAcknowledged);
    public long ReportsDuplicates => Interlocked.Read(ref _reportsDuplicates);
    public long MeasuredBatches => Interlocked.Read(ref _measuredBatches);

    /// <summary>Acknowledged plus duplicates of batches in the measured phase.</summary>
    public long MeasuredCompleted => Interlocked.Read(ref _measuredCompleted);

    /// <summary>Stopwatch timestamp when the last measured batch was answered.</summary>
    public long LastMeasuredEnd => Interlocked.Read(ref _lastMeasuredEnd);

    public long LateBatches => Interlocked.Read(ref _lateBatches);
    public double MaxStartDelayMs => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _maxStartDelayTicks)).TotalMilliseconds;

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problemsLock)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>Counts a batch as sent, when its first attempt goes out.</summary>
    public void Sending(EventBatch batch)
    {
        if (batch.Kind == BatchKind.MetricReports)
        {
            Interlocked.Add(ref _reportsSent, batch.Count);
            return;
        }
        Interlocked.Add(ref _sent, batch.Count);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _duplicatesSent, batch.Duplicates);
        if (batch.Kind == BatchKind.Invalid)
            Interlocked.Add(ref _invalidSent, batch.Count);
    }

    /// <summary>An open-loop batch started <paramref name="delayTicks"/> after its scheduled time.</summary>
    public void Started(long delayTicks, bool late)
    {
        if (late)
            Interlocked.Increment(ref _lateBatches);
        RaiseTo(ref _maxStartDelayTicks, delayTicks);
    }

    public void Completed(EventBatch batch, SendOutcome outcome, double latencyMs, bool measured, long endTimestamp)
    {
        Interlocked.Add(ref _retries, outcome.Retries);
        if (batch.Kind == BatchKind.MetricReports)
        {
            if (outcome.Kind == OutcomeKind.Acknowledged)
            {
                Interlocked.Add(ref _reportsAcknowledged, outcome.Accepted);
                Interlocked.Add(ref _reportsDuplicates, outcome.Duplicates);
            }
            else if (outcome.Kind != OutcomeKind.NotSupported)
            {
                Problem($"metric reports: {outcome.Problem}");
            }
            return;
        }

        switch (outcome.Kind)
        {
            case OutcomeKind.Acknowledged:
                Interlocked.Add(ref _acknowledged, outcome.Accepted);
                Interlocked.Add(ref _duplicates, outcome.Duplicates);
                break;
            case OutcomeKind.Rejected or OutcomeKind.Unauthorized:
                Interlocked.Add(ref _rejected, batch.Count);
                Interlocked.Increment(ref _rejectedBatches);
                // Refusing our deliberately invalid batches is the server doing its job, not news.
                if (batch.Kind != BatchKind.Invalid)
                    Problem(outcome.Problem ?? outcome.Status.ToString());
                break;
            default:
                Interlocked.Add(ref _errors, batch.Count);
                Interlocked.Increment(ref _errorBatches);
                Problem(outcome.Problem ?? outcome.Status.ToString());
                break;
        }

        if (measured)
        {
            // Latency is send-to-202; a refusal or a failure has no acknowledgement to time.
            if (outcome.Kind == OutcomeKind.Acknowledged)
                Latency.Record(latencyMs);
            Interlocked.Increment(ref _measuredBatches);
            Interlocked.Add(ref _measuredCompleted, outcome.Accepted + outcome.Duplicates);
            RaiseTo(ref _lastMeasuredEnd, endTimestamp);
        }
    }

    private void Problem(string message)
    {
        lock (_problemsLock)
        {
            if (_problems.Count < KeptProblems && !_problems.Contains(message))
                _problems.Add(message);
        }
    }

    /// <summary>Raises <paramref name="field"/> to <paramref name="value"/> if that is larger, safely against other senders.</summary>
    private static void RaiseTo(ref long field, long value)
    {
        var seen = Interlocked.Read(ref field);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref field, value, seen);
            if (previous == seen)
                break;
            seen = previous;
        }
    }
}
