using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Ingest.Storage.Pipeline;

namespace Ingest.Storage.Tables;

/// <summary>A client for one table, shaped like <c>Azure.Data.Tables.TableClient</c>.</summary>
public sealed partial class TableClient
{
    /// <summary>The service's limit on actions in one entity-group transaction.</summary>
    public const int MaxTransactionActions = 100;

    private static readonly RequestMethod Merge = new("MERGE");
    private readonly StorageRequestSender _sender;

    internal TableClient(StorageRequestSender sender, string tableName)
    {
        if (!TableNamePattern().IsMatch(tableName))
        {
            throw new ArgumentException($"'{tableName}' is not a valid table name: 3 to 63 letters and digits, starting with a letter.", nameof(tableName));
        }

        _sender = sender;
        Name = tableName;
    }

    public string Name { get; }

    public Uri Uri => Address(Name);

    /// <summary>Creates the table; returns false when it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = Create(RequestMethod.Post, Address("Tables"));
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        var response = await _sender.SendAsync(message, cancellationToken, 201, 204, 409).ConfigureAwait(false);
        return response.Status != 409;
    }

    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = Create(RequestMethod.Get, Address($"Tables('{Name}')"));
        var response = await _sender.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        return response.Status == 200;
    }

    /// <summary>Deletes the table; returns false when there was none.</summary>
    public async Task<bool> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = Create(RequestMethod.Delete, Address($"Tables('{Name}')"));
        var response = await _sender.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    /// <summary>Inserts a new entity. An existing one fails with status 409 and code <c>EntityAlreadyExists</c>.</summary>
    public async Task<Response> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        using var message = Create(RequestMethod.Post, Uri);
        SetBody(message, entity);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        return await _sender.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    /// <summary>Inserts the entity or, when it exists, merges into or replaces it.</summary>
    public async Task<Response> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        using var message = Create(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityUri(entity.PartitionKey, entity.RowKey));
        SetBody(message, entity);
        return await _sender.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    /// <summary>
    /// Updates an existing entity only if its ETag still equals <paramref name="ifMatch"/> (<see cref="ETag.All"/> for any).
    /// A lost race fails with status 412 (<c>UpdateConditionNotSatisfied</c>); a missing entity with 404.
    /// </summary>
    public async Task<Response> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        using var message = Create(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityUri(entity.PartitionKey, entity.RowKey));
        SetBody(message, entity);
        message.Request.Headers.SetValue("If-Match", IfMatch(ifMatch));
        return await _sender.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    /// <summary>Reads one entity; a missing one fails with status 404 (<c>ResourceNotFound</c>).</summary>
    public async Task<TableEntity> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        await GetEntityIfExistsAsync(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false)
        ?? throw new RequestFailedException(404, $"Table {Name} has no entity ({partitionKey}, {rowKey}).", "ResourceNotFound", null);

    /// <summary>Reads one entity, or null when it does not exist.</summary>
    public async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var uri = EntityUri(partitionKey, rowKey);
        if (select is not null)
        {
            uri = new Uri(uri + "?$select=" + Uri.EscapeDataString(string.Join(",", select)));
        }

        using var message = Create(RequestMethod.Get, uri);
        var response = await _sender.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntityJson.Deserialize(json.RootElement);
    }

    /// <summary>Deletes an entity if <paramref name="ifMatch"/> matches (default: any). Returns false when there was none.</summary>
    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = Create(RequestMethod.Delete, EntityUri(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", IfMatch(ifMatch));
        var response = await _sender.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    /// <summary>
    /// Queries entities page by page. Build <paramref name="filter"/> with <see cref="TableFilter.Create"/>;
    /// <paramref name="select"/> limits the properties returned (keys are always included);
    /// <paramref name="maxPerPage"/> caps a page (the service never returns more than 1,000).
    /// </summary>
    public AsyncPageable<TableEntity> QueryAsync(string? filter = null, IEnumerable<string>? select = null, int? maxPerPage = null, CancellationToken cancellationToken = default)
    {
        // The service returns only what $select names; the keys always come along so every result can be addressed.
        var selectText = select is null ? null : string.Join(",", select.Union(["PartitionKey", "RowKey"]));
        return new StoragePageable<TableEntity>(
            (token, pageSize, ct) => QueryPageAsync(filter, selectText, pageSize ?? maxPerPage, token, ct),
            cancellationToken);
    }

    /// <summary>
    /// Runs up to 100 actions on one partition as one all-or-nothing transaction. A failing action fails
    /// the whole transaction with its status and error code, and the message names the action's index.
    /// </summary>
    public async Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var batch = new TableTransactionBatch(this, actions.ToList());
        using var message = Create(RequestMethod.Post, Address("$batch"));
        message.Request.Content = RequestContent.Create(batch.Body);
        message.Request.Headers.SetValue("Content-Type", batch.ContentType);
        var response = await _sender.SendAsync(message, cancellationToken, 202).ConfigureAwait(false);
        return batch.ReadResults(response, _sender);
    }

    internal Uri EntityUri(string partitionKey, string rowKey) =>
        Address($"{Name}(PartitionKey={TableFilter.KeyInPath(partitionKey)},RowKey={TableFilter.KeyInPath(rowKey)})");

    internal static string IfMatch(ETag etag) => etag == default || etag == ETag.All ? "*" : etag.ToString();

    private async Task<Page<TableEntity>> QueryPageAsync(string? filter, string? select, int? top, string? continuation, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (filter is not null)
        {
            query.Add("$filter=" + Uri.EscapeDataString(filter));
        }

        if (select is not null)
        {
            query.Add("$select=" + Uri.EscapeDataString(select));
        }

        if (top is not null)
        {
            query.Add("$top=" + top.Value);
        }

        if (continuation is not null)
        {
            var (nextPartition, nextRow) = TableContinuation.Parse(continuation);
            query.Add("NextPartitionKey=" + Uri.EscapeDataString(nextPartition));
            if (nextRow is not null)
            {
                query.Add("NextRowKey=" + Uri.EscapeDataString(nextRow));
            }
        }

        var uri = Address($"{Name}()" + (query.Count == 0 ? "" : "?" + string.Join("&", query)));
        using var message = Create(RequestMethod.Get, uri);
        var response = await _sender.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entities = json.RootElement.TryGetProperty("value", out var value)
            ? value.EnumerateArray().Select(TableEntityJson.Deserialize).ToList()
            : [];
        return Page<TableEntity>.FromValues(entities, TableContinuation.From(response), response);
    }

    private HttpMessage Create(RequestMethod method, Uri uri)
    {
        var message = _sender.CreateMessage(method, uri);
        message.Request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private static void SetBody(HttpMessage message, TableEntity entity)
    {
        message.Request.Content = RequestContent.Create(TableEntityJson.Serialize(entity));
        message.Request.Headers.SetValue("Content-Type", "application/json");
    }

    private Uri Address(string relative) => new(_sender.Endpoint.AbsoluteUri.TrimEnd('/') + "/" + relative);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
