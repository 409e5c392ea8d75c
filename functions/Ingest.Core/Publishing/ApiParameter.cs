namespace Ingest.Core.Publishing;

/// <summary>
/// One query parameter of the read API, as <see cref="HitQuery.Read"/> reads it and the OpenAPI document
/// (<see cref="ApiDocument"/>) describes it: the one list both are made from.
/// </summary>
public sealed record ApiParameter(string Name, string Description, string Type = "string", string? Format = null, int? Minimum = null, int? Maximum = null);
