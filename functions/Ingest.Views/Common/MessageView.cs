namespace Ingest.Views.Common;

/// <summary>What <see cref="MessagePage"/> says, and where it sends the reader next.</summary>
public sealed record MessageView(string Title, string Message, string? LinkText = null, string? LinkHref = null);
