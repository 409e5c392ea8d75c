namespace Ingest.Core.Mail;

/// <summary>
/// The SMTP server or a push endpoint refused or could not be reached; nothing was taken. <see cref="Permanent"/> when it
/// said no for good (an SMTP 5xx answer such as an unknown recipient, an endpoint's 4xx): sending again cannot help.
/// </summary>
public sealed class DeliveryException(string message, bool permanent = false, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
