using LeadGrains.Abstractions.Leads;
using LeadGrains.Domain.Events;
using LeadGrains.Domain.Kpis;
using LeadGrains.Domain.Leads;
using LeadGrains.Domain.Scoring;
using LeadGrains.Storage.Journal;
using LeadGrains.Grains.Tenants;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LeadGrains.Grains.Leads;

/// <summary>
/// A lead's grain: the single writer of its events. It plans the new state with the domain,
/// hands events and state to the silo's journal writer (group commit), and adopts the state
/// only after the commit. It keeps no history in memory; the store holds it. Every few events
/// (<see cref="JournalOptions.SnapshotEvery"/>) a commit also stores a snapshot of its state, and
/// activation replays the events after the latest one.
/// Appends come as Orleans calls or, once the activation has taken one, as local deliveries from
/// its silo's ingest path (<see cref="LocalLeadActivations"/>); both run as turns of this activation.
/// </summary>
[Reentrant]
public sealed class LeadGrain(
    JournalWriter journal,
    LeadLoader loader,
    ILeadStore store,
    IScoringModels models,
    StringPool strings,
    TenantZones zones,
    IOptions<JournalOptions> journalOptions,
    LocalLeadActivations local,
    TimeProvider clock) : Grain, ILeadGrain
{
    private readonly int _snapshotEvery = journalOptions.Value.SnapshotEvery;
    // Local deliveries are not Orleans messages, so they do not keep the activation from looking
    // idle: they ask to be kept as long as a message would have kept it (KeepAlive).
    private int _keptAliveAt;        // Environment.TickCount at the last keep-alive (0: none)
    private string _tenant = "";
    private string _leadId = "";
    private LeadState? _state;
    private long _snapshotVersion;   // the version of the lead's latest stored snapshot (0: none)
    private bool _committing;        // a commit of this lead is in flight
    private List<PendingAppend>? _waiting;   // appends for the next commit
    private bool _local;             // listed in LocalLeadActivations
    private bool _closed;            // takes no more local deliveries: deactivating, or a commit failed
    private TaskCompletionSource? _drained;   // a deactivation waits for the commit in flight

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _leadId) = LeadKey.Parse(this.GetPrimaryKeyString());
        await LoadAsync(cancellationToken);
    }

    /// <summary>
    /// Orleans calls this for every deactivation of an activation that became valid, which is why
    /// the grain lists itself for local deliveries only from a message turn (never from
    /// <see cref="OnActivateAsync"/>: a deactivation during activation skips this method).
    /// It waits for a commit in flight, so the lead's next activation loads it from the store.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Close();
        if (_committing)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _drained.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// No more local deliveries: later ones answer <see cref="LocalLeadActivations.Moved"/>. Runs
    /// in a turn of this activation (internal so a test can queue it at a chosen place among them).
    /// </summary>
    internal void Close()
    {
        _closed = true;
        if (_local)
        {
            _local = false;
            local.Remove(_tenant, _leadId, this);
        }
    }

    /// <summary>
    /// A local delivery, from any thread: queues the append as a turn of this activation, as an
    /// Orleans message would (the activation's scheduler runs one turn at a time).
    /// </summary>
    internal Task<AppendResult> Deliver(LeadEvent[] events)
    {
        var delivery = new LocalDelivery(this, events);
        GrainContext.Scheduler.QueueAction(LocalDelivery.Run, delivery);
        return delivery.Task;
    }

    /// <summary>A local delivery's turn: the append goes into this lead's next commit, as a call's would.</summary>
    private void Take(LocalDelivery delivery)
    {
        if (_closed)
        {
            delivery.TrySetResult(LocalLeadActivations.Moved);
            return;
        }
        KeepAlive();
        Start(new PendingAppend(delivery.Events, delivery));
    }

    /// <summary>
    /// Keeps the activation for at least the collection age after this delivery, as a message
    /// would. Asked for at most once per half age, for one and a half ages: Orleans takes a lock
    /// and reads the clock for each request, and this runs once per lead per batch.
    /// </summary>
    private void KeepAlive()
    {
        // Milliseconds in an int wrap after 24.9 days; the difference stays right across a wrap,
        // and ages of Orleans' idle collection are minutes.
        var now = Environment.TickCount;
        if (_keptAliveAt == 0 || unchecked(now - _keptAliveAt) >= local.KeepAliveEveryMs)
        {
            _keptAliveAt = now == 0 ? 1 : now;
            DelayDeactivation(local.KeepAliveFor);
        }
    }

    // Continuations run inline: the ingest path's Task.WhenAll only counts one more append done.
    // Asynchronous continuations queued a thread-pool item per lead per batch for that count. An
    // await on a delivery never runs inside this grain's turn either way: it resumes on the
    // thread pool, because the turn's task scheduler is not one it may run inline on.
    private sealed class LocalDelivery(LeadGrain grain, LeadEvent[] events)
        : TaskCompletionSource<AppendResult>
    {
        public static readonly Action<object> Run = state => ((LocalDelivery)state).Grain.Take((LocalDelivery)state);

        public LeadGrain Grain { get; } = grain;

        public LeadEvent[] Events { get; } = events;
    }

    /// <summary>Snapshot plus the events after it; a snapshot we cannot read means a full replay.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var model = models.For(_tenant);
        var stored = await loader.LoadAsync(_tenant, _leadId);
        if (stored is null)
        {
            _state = new LeadState();
            return;
        }
        var state = stored.Snapshot is { } bytes ? LeadStateCodec.Decode(bytes, strings.Intern) : new LeadState();
        var later = stored.Later;
        if (state is null || state.Version != stored.SnapshotVersion)
        {
            // A snapshot in a format this build cannot read: every event, and a new snapshot soon.
            state = new LeadState();
            later = await store.ReadEventsAsync(_tenant, _leadId, 0, ct);
        }
        else
        {
            _snapshotVersion = state.Version;
        }
        if (later.Count > 0)
        {
            var zone = await zones.ForAsync(_tenant);
            var replay = later.Select(e => (Event: ToLeadEvent(e), e.Seq)).ToList();
            state = replay.TrueForAll(e => state.Marks.Covers(e.Event, zone))
                ? state.Plan(replay, model, zone).Next
                // Marks that cannot take the replay are rebuilt by the first append that needs them.
                : state.WithEvents(replay, model).Next.WithMarks(UniqueMarks.Unknown);
            // Replayed touches hold the store's strings; a decoded snapshot's are pooled already.
            state.InternTouches(strings.Interner);
        }
        _state = state;
    }

    /// <summary>
    /// Appends of a lead that arrive while one of its commits is in flight wait, and go into its
    /// next commit together: one journal request, one lead-row write. A hot lead then costs a
    /// commit per wave of appends, not one commit after another per append (which queued a
    /// lead's appends behind each other for seconds under load). The grain is reentrant for
    /// that; only one wave at a time plans and adopts state, so state still has one writer.
    /// </summary>
    public Task<AppendResult> AppendAsync(Immutable<LeadEvent[]> events)
    {
        // A message turn runs only on a valid activation, so from here on every deactivation
        // calls OnDeactivateAsync, which takes the listing back.
        if (!_local && !_closed)
        {
            _local = true;
            local.Add(_tenant, _leadId, this);
        }
        var done = new TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Start(new PendingAppend(events.Value, done));
        return done.Task;
    }

    /// <summary>
    /// Commits the append now, or with the next wave when a commit of this lead is in flight.
    /// Either way its <see cref="PendingAppend.Done"/> completes after the commit. Calls and local
    /// deliveries share this one async method between the turn and the journal: each further
    /// async method there was one more state machine and scheduled continuation per lead per batch.
    /// </summary>
    private void Start(PendingAppend append)
    {
        if (_committing)
        {
            (_waiting ??= []).Add(append);
            return;
        }
        _committing = true;
        // Runs on this activation's scheduler, interleaved with requests like the awaits in it.
        _ = RunWaveAsync([append]);
    }

    /// <summary>After a failed commit the state may be behind the store: the next activation reloads it.</summary>
    private void Fail()
    {
        Close();
        DeactivateOnIdle();
    }

    private void StartNextWave()
    {
        if (_waiting is not { Count: > 0 } wave)
        {
            // Nothing of this lead in flight any more: a deactivation waiting for that goes on.
            _drained?.TrySetResult();
            return;
        }
        _waiting = null;
        _committing = true;
        _ = RunWaveAsync(wave);
    }

    /// <summary>
    /// Plans the appends as one journal request, commits it, adopts the state and completes each
    /// append. Never throws: a failure completes every append of the wave with it.
    /// </summary>
    private async Task RunWaveAsync(IReadOnlyList<PendingAppend> wave)
    {
        try
        {
            var request = await PlanAsync(wave);
            AppendOutcome outcome;
            try
            {
                outcome = await journal.AppendAsync(request);
            }
            catch
            {
                // The commit may or may not have happened (a lost answer): start from the store.
                Fail();
                throw;
            }
            Adopt(request, outcome, wave);
            for (var i = 0; i < wave.Count; i++)
            {
                wave[i].Done.TrySetResult(wave[i].Result);
            }
        }
        catch (Exception e)
        {
            for (var i = 0; i < wave.Count; i++)
            {
                wave[i].Done.TrySetException(e);
            }
            FailWaiting();
        }
        finally
        {
            _committing = false;
            StartNextWave();
        }
    }

    // After a failed commit the state may be behind the store: the grain deactivates, and the
    // appends that queued behind it fail too, so their producers retry against a fresh activation.
    private void FailWaiting()
    {
        if (_waiting is { } waiting)
        {
            _waiting = null;
            var failure = new JournalUnavailableException(new InvalidOperationException("An earlier commit of this lead failed."));
            foreach (var append in waiting)
            {
                append.Done.TrySetException(failure);
            }
        }
    }

    /// <summary>
    /// The appends as one journal request. Completes synchronously but for a tenant zone not
    /// cached or a late event (which reads the lead's history).
    /// </summary>
    private async ValueTask<AppendRequest> PlanAsync(IReadOnlyList<PendingAppend> appends)
    {
        _state ??= new LeadState();
        var model = models.For(_tenant);
        var receivedAt = clock.GetUtcNow();

        // Indexed loops: over the interface, foreach would allocate an enumerator per append.
        var count = 0;
        for (var i = 0; i < appends.Count; i++)
        {
            count += appends[i].Events.Length;
        }
        var unique = new List<JournalEvent>(count);
        // Most commits carry one event: nothing to repeat, no set.
        var seen = count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
        var seq = _state.Version;
        var alone = appends.Count == 1;
        for (var i = 0; i < appends.Count; i++)
        {
            var append = appends[i];
            foreach (var e in append.Events)
            {
                if (seen is null || seen.Add(e.Id))
                {
                    var je = new JournalEvent(e, ++seq, receivedAt);
                    unique.Add(je);
                    if (!alone)
                    {
                        (append.Journal ??= []).Add(je);
                    }
                }
            }
        }
        if (alone)
        {
            appends[0].Journal = unique;
        }

        var zone = await zones.ForAsync(_tenant);
        List<LeadEvent>? late = null;
        foreach (var e in unique)
        {
            if (!_state.Marks.Covers(e.Event, zone))
            {
                (late ??= []).Add(e.Event);
            }
        }
        if (late is not null)
        {
            // A late event (or a snapshot from before marks): first occurrences need the
            // lead's whole stored history, which only this grain writes.
            var history = await store.ReadEventsAsync(_tenant, _leadId, 0, CancellationToken.None);
            _state = _state.WithMarks(UniqueMarks.Rebuild(history.Select(ToLeadEvent), zone, late));
        }
        var current = _state;
        var planned = LeadChanges.Plan(current, unique, model, zone)!;
        return new AppendRequest
        {
            Zone = zone,
            Tenant = _tenant,
            LeadId = _leadId,
            ExpectedVersion = current.Version,
            Events = unique,
            Planned = planned,
            PlannedFrom = current,
            Model = model,
            WriteSnapshot = planned.State.Version - _snapshotVersion >= _snapshotEvery,
        };
    }

    /// <summary>Adopts the committed state and sets each append's result.</summary>
    private void Adopt(AppendRequest request, AppendOutcome outcome, IReadOnlyList<PendingAppend> appends)
    {
        var current = request.PlannedFrom;
        if (outcome.Applied is not null)
        {
            // In place (LeadState.Adopt says why): reads between awaits see the old values or the
            // new ones, never a mix, because the activation runs one turn at a time.
            var (first, last) = (current.FirstTouch, current.LastTouch);
            current.Adopt(outcome.Applied.State);
            // The touches are what a lead keeps of its events' strings: shared, a million leads
            // from a few hundred campaigns hold a few hundred (the events themselves are not kept).
            // The touches it had are shared already.
            current.InternTouches(strings.Interner, first, last);
            if (request.WriteSnapshot)
            {
                _snapshotVersion = current.Version;
            }
        }
        var stored = outcome.Stored;
        for (var i = 0; i < appends.Count; i++)
        {
            var append = appends[i];
            var accepted = 0;
            foreach (var je in append.Journal ?? [])
            {
                accepted += stored.Count > 0 && stored.Contains(je) ? 0 : 1;
            }
            // Ids repeated in the append or in an earlier append of the same commit, and ids
            // stored before, are the append's duplicates.
            append.Result = new AppendResult(accepted, append.Events.Length - accepted);
        }
    }

    private sealed class PendingAppend(LeadEvent[] events, TaskCompletionSource<AppendResult> done)
    {
        private static readonly AppendResult NotCommitted = new(0, 0);

        public LeadEvent[] Events { get; } = events;

        /// <summary>This append's events in the commit (its ids not seen earlier in the commit).</summary>
        public List<JournalEvent>? Journal { get; set; }

        /// <summary>Completes after the commit with <see cref="Result"/>, or with its failure.</summary>
        public TaskCompletionSource<AppendResult> Done { get; } = done;

        /// <summary>Set by the commit that adopts this append.</summary>
        public AppendResult Result { get; set; } = NotCommitted;
    }

    public async Task<LeadView?> GetAsync(bool explain)
    {
        var state = _state;
        if (state is null || state.EventCount == 0)
        {
            return null;
        }

        var model = models.For(_tenant);
        var now = clock.GetUtcNow();
        // Built before any await: a commit adopts its state in place, so the state read after one
        // could be newer than the one read before it.
        var view = new LeadView
        {
            LeadId = _leadId,
            Stage = state.Stage.Name(),
            Score = Round(state.ScoreAt(now, model.Decay)),
            Temperature = state.TemperatureAt(now, model).ToString().ToLowerInvariant(),
            QualificationThreshold = model.Qualification.Score,
            EventCount = state.EventCount,
            Channels = ChannelNames.All
                .Select(c => new ChannelView(c.Name(), Round(state.ChannelScoreAt(c, now, model.Decay)), state.ChannelCounts[(int)c]))
                .ToList(),
            EventCounts = EventCatalog.All
                .Where(t => state.TypeCounts[t.Ordinal] > 0)
                .ToDictionary(t => t.Name, t => state.TypeCounts[t.Ordinal]),
            FirstTouch = Touch(state.FirstTouch),
            LastTouch = Touch(state.LastTouch),
            FirstSeenAt = state.FirstSeenAt,
            LastActivityAt = state.LastActivityAt,
            QualifiedAt = state.QualifiedAt,
            ModelVersion = model.Version,
            Version = state.Version,
            ScoredAt = now,
        };
        if (!explain)
        {
            return view;
        }
        var history = await store.ReadEventsAsync(_tenant, _leadId, 0, CancellationToken.None);
        var result = ScoreExplainer.Explain(history.Select(e => (e.Seq, ToLeadEvent(e))), model, now);
        return view with
        {
            Explanation = new ExplanationView(
                result.Rules.Select(r => new RuleContributionView(r.RuleId, r.Description, r.Events, Round(r.Points), Round(r.PointsNow))).ToList(),
                result.RecentEvents.Select(e => new EventContributionView(
                    e.EventId, e.Type, e.OccurredAt, e.RuleId, e.RulePoints, Round(e.Points), Round(e.PointsNow))).ToList()),
        };
    }

    public Task RelistAsync()
    {
        var state = _state;
        if (state is null || state.EventCount == 0)
        {
            return Task.CompletedTask;
        }
        var model = models.For(_tenant);
        return store.WriteListRowAsync(_tenant, _leadId, state, model.Version, model.Decay, CancellationToken.None);
    }

    private static TouchView? Touch(Touch? t) => t is null ? null : new TouchView(t.Source, t.Campaign, t.At);

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    internal static LeadEvent ToLeadEvent(StoredEvent e) => new()
    {
        Id = e.EventId,
        LeadId = e.LeadId,
        Type = EventCatalog.Get(e.Type),
        OccurredAt = e.OccurredAt,
        Source = e.Source,
        Campaign = e.Campaign,
        Properties = EventPropertiesReader.FromStoredJson(e.Properties),
    };
}
