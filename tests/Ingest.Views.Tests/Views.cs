using Ingest.Views.Mail;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingest.Views.Tests;

/// <summary>The renderer and mail templates as the service composes them (components need no services of their own).</summary>
internal static class Views
{
    public static ViewRenderer Renderer { get; } = new(NullLoggerFactory.Instance);

    public static MailTemplates Mail { get; } = new(Renderer);
}
