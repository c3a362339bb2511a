using System.ComponentModel.DataAnnotations;

namespace VoipBin.Realtime.Hosting;

/// <summary>Limits of <c>POST /v1.0/events</c> and the in-process publisher, bound from <c>Publishing</c>.</summary>
public sealed class PublishingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Publishing";

    /// <summary>Most events in one request. Default 1000.</summary>
    [Range(1, 100_000)]
    public int MaxEventsPerRequest { get; set; } = 1000;

    /// <summary>Largest payload of one event (<c>{"type":...,"data":...}</c>) in bytes. Default 64 KiB.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>Largest request body in bytes; a larger one answers 413. Default 16 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxRequestBytes { get; set; } = 16 * 1024 * 1024;
}
