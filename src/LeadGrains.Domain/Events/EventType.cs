namespace LeadGrains.Domain.Events;

/// <summary>
/// One entry of the event catalog. <see cref="Ordinal"/> is stable and indexes the per-type
/// counters a lead keeps, so new types are only ever appended to <see cref="EventCatalog"/>.
/// </summary>
public sealed class EventType
{
    internal EventType(int ordinal, string name, Channel channel)
    {
        Ordinal = ordinal;
        Name = name;
        Channel = channel;
    }

    public int Ordinal { get; }

    public string Name { get; }

    public Channel Channel { get; }

    public override string ToString() => Name;
}
