using Ingest.Core.Model;

namespace Ingest.Core.Pushes;

/// <summary>The body of one push, in the format its endpoint's kind expects, as UTF-8 JSON.</summary>
public static class PushPayload
{
    public static byte[] Write(PushKind kind, PushMessage message) => kind switch
    {
        PushKind.Slack => SlackPayload.Write(message),
        PushKind.Teams => TeamsPayload.Write(message),
        _ => WebhookPayload.Write(message),
    };
}
