namespace Ingest.Views.Preferences;

/// <summary>What the preferences page just did, said at the top of the part it concerns.</summary>
public enum PreferencesNotice
{
    None,
    FeedRotated,
    LinksRenewed,
    EndpointAdded,
    EndpointRemoved,
}

/// <summary>One push endpoint as the page lists it: its kind, its address without the key, and how its last push went.</summary>
public sealed record EndpointLine(string Id, string Kind, string Address, string Status);
