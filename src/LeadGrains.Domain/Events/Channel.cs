namespace LeadGrains.Domain.Events;

/// <summary>The marketing channel an event belongs to; follows from the event type.</summary>
public enum Channel : byte
{
    Email,
    Webinar,
    Whitepaper,
    Web,
    Sns,
    Exhibition,
    Inquiry,
}

public static class ChannelNames
{
    public const int Count = 7;

    private static readonly string[] Names = ["email", "webinar", "whitepaper", "web", "sns", "exhibition", "inquiry"];

    public static string Name(this Channel channel) => Names[(int)channel];

    public static IReadOnlyList<Channel> All { get; } = Enum.GetValues<Channel>();
}
