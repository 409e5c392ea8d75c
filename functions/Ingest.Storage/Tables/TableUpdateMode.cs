namespace Ingest.Storage.Tables;

/// <summary>Merge keeps properties the entity does not mention; Replace drops them.</summary>
public enum TableUpdateMode
{
    Merge,
    Replace,
}
