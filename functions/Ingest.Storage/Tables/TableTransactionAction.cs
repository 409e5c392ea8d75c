using Azure;

namespace Ingest.Storage.Tables;

public enum TableTransactionActionType
{
    Add,
    UpsertMerge,
    UpsertReplace,
    UpdateMerge,
    UpdateReplace,
    Delete,
}

/// <summary>One action of an entity-group transaction. <paramref name="ETag"/> applies to updates and deletes (default: any).</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);

/// <summary>What the service answered for one action of a committed transaction.</summary>
public sealed record TableTransactionResult(int Status, ETag ETag);
