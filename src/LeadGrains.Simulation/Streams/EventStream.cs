using System.Globalization;
using LeadGrains.Simulation.Funnel;
using LeadGrains.Simulation.Wire;

namespace LeadGrains.Simulation.Streams;

/// <summary>
/// The funnel's events as a producer would send them: serialised, with a share re-sent
/// (duplicates), held back (late, out of order) or broken (invalid), and channel metric reports
/// mixed in. Positions count events (not reports); shares are of events sent.
/// </summary>
public sealed class EventStream
{
    /// <summary>Duplicates re-send one of this many recent events.</summary>
    private const int RecentCapacity = 4096;

    private readonly SimulationOptions _options;
    private readonly FunnelSimulator _funnel;
    private readonly SimRandom _random;
    private readonly WireSerializer _serializer = new();
    private readonly byte[][] _recent = new byte[RecentCapacity][];
    private readonly PriorityQueue<byte[], long> _late = new();
    private int _recentCount;
    private long _position;
    private long _invalidNumber;
    private long _reportNumber;
    private double _reportDebt;
    private bool _ended;

    public EventStream(SimulationOptions options)
    {
        _options = options;
        _funnel = new FunnelSimulator(options);
        // Its own random stream, so that changing a share does not change the funnel's events.
        _random = new SimRandom(SimRandom.Derive(options.Seed, ~options.Stream));
    }

    public FunnelSimulator Funnel => _funnel;

    /// <summary>Events (of every kind but reports) handed out so far.</summary>
    public long Position => _position;

    /// <summary>The next item, or null when the funnel has nothing more and no late event is waiting.</summary>
    public StreamItem? Next()
    {
        if (_reportDebt >= 1)
        {
            _reportDebt -= 1;
            var id = _options.RunId + "-m" + (_reportNumber++).ToString(CultureInfo.InvariantCulture);
            return new StreamItem(ItemKind.MetricReport, _serializer.Serialize(_funnel.NextMetricReport(id)));
        }

        if (_late.TryPeek(out var held, out var due) && (due <= _position || _ended))
        {
            _late.Dequeue();
            return Sent(ItemKind.Event, held);
        }

        var roll = _random.NextDouble();
        if (roll < _options.InvalidShare)
        {
            return Sent(ItemKind.Invalid, _serializer.Serialize(Invalid()));
        }
        if (roll < _options.InvalidShare + _options.DuplicateShare && _recentCount > 0)
        {
            return Sent(ItemKind.Duplicate, _recent[_random.Next(Math.Min(_recentCount, RecentCapacity))]);
        }

        while (_funnel.Next() is { } record)
        {
            var json = _serializer.Serialize(record);
            if (_options.LateShare > 0 && _random.Chance(_options.LateShare))
            {
                // Mostly a few hundred events late (a retry, a slow tracker), now and then tens of thousands.
                var delay = (long)Math.Clamp(_random.LogNormal(500, 1.5), 10, 200_000);
                _late.Enqueue(json, _position + delay);
                continue;
            }
            return Sent(ItemKind.Event, json);
        }
        _ended = true;
        return _late.TryDequeue(out var last, out _) ? Sent(ItemKind.Event, last) : null;
    }

    private StreamItem Sent(ItemKind kind, byte[] json)
    {
        _position++;
        _reportDebt += _options.MetricShare;
        if (kind == ItemKind.Event)
        {
            _recent[_recentCount % RecentCapacity] = json;
            _recentCount++;
        }
        return new StreamItem(kind, json);
    }

    private EventRecord Invalid()
    {
        var kind = InvalidEvents.All[_random.Next(InvalidEvents.All.Length)];
        var id = _options.RunId + "-x" + (_invalidNumber++).ToString(CultureInfo.InvariantCulture);
        var lead = _options.LeadIdPrefix + _random.Next(_options.Leads).ToString(CultureInfo.InvariantCulture);
        return InvalidEvents.Create(kind, id, lead, _funnel.Clock);
    }
}
