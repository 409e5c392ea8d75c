using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Ingest.Storage.Pipeline;

namespace Ingest.Storage.Tables;

/// <summary>
/// The <c>multipart/mixed</c> body of an entity-group transaction (one changeset), and the reading of its answer.
/// </summary>
internal sealed partial class TableTransactionBatch
{
    private readonly string _batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
    private readonly string _changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
    private readonly int _count;

    public TableTransactionBatch(TableClient table, IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > TableClient.MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction takes 1 to {TableClient.MaxTransactionActions} actions, not {actions.Count}.", nameof(actions));
        }

        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => a.Entity.PartitionKey != partition))
        {
            throw new ArgumentException("Every action of a transaction must be on the same partition key.", nameof(actions));
        }

        var twice = actions.GroupBy(a => a.Entity.RowKey).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"Row key '{twice.Key}' appears in more than one action of the transaction.", nameof(actions));
        }

        _count = actions.Count;
        Body = Encoding.UTF8.GetBytes(BuildBody(table, actions));
    }

    public byte[] Body { get; }

    public string ContentType => "multipart/mixed; boundary=" + _batchBoundary;

    public IReadOnlyList<TableTransactionResult> ReadResults(Response response, StorageRequestSender sender)
    {
        var text = response.Content.ToString();
        var results = new List<TableTransactionResult>();
        foreach (Match part in InnerResponse().Matches(text))
        {
            var status = int.Parse(part.Groups["status"].Value, CultureInfo.InvariantCulture);
            var headers = part.Groups["headers"].Value;
            if (status >= 400)
            {
                throw Failure(status, part.Groups["reason"].Value.Trim(), part.Groups["body"].Value, sender);
            }

            var etag = ETagHeader().Match(headers);
            results.Add(new TableTransactionResult(status, etag.Success ? new ETag(etag.Groups[1].Value.Trim()) : default));
        }

        if (results.Count != _count)
        {
            throw new RequestFailedException(response.Status, $"Table transaction answer had {results.Count} results for {_count} actions.", "UnexpectedBatchResponse", null);
        }

        return results;
    }

    private string BuildBody(TableClient table, IReadOnlyList<TableTransactionAction> actions)
    {
        var body = new StringBuilder();
        body.Append("--").Append(_batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(_changesetBoundary).Append("\r\n\r\n");

        foreach (var action in actions)
        {
            var entity = action.Entity;
            var (method, uri, ifMatch, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", table.Uri, (string?)null, true),
                TableTransactionActionType.UpsertMerge => ("MERGE", table.EntityUri(entity.PartitionKey, entity.RowKey), null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", table.EntityUri(entity.PartitionKey, entity.RowKey), null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", table.EntityUri(entity.PartitionKey, entity.RowKey), TableClient.IfMatch(action.ETag), true),
                TableTransactionActionType.UpdateReplace => ("PUT", table.EntityUri(entity.PartitionKey, entity.RowKey), TableClient.IfMatch(action.ETag), true),
                TableTransactionActionType.Delete => ("DELETE", table.EntityUri(entity.PartitionKey, entity.RowKey), TableClient.IfMatch(action.ETag), false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action."),
            };

            body.Append("--").Append(_changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(uri.AbsoluteUri).Append(" HTTP/1.1\r\n")
                .Append("Accept: application/json;odata=minimalmetadata\r\n")
                .Append("DataServiceVersion: 3.0\r\n");
            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            if (hasBody)
            {
                body.Append("Content-Type: application/json\r\n");
                if (action.ActionType == TableTransactionActionType.Add)
                {
                    body.Append("Prefer: return-no-content\r\n");
                }

                body.Append("\r\n").Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append("\r\n");
            }
            else
            {
                body.Append("\r\n");
            }
        }

        body.Append("--").Append(_changesetBoundary).Append("--\r\n")
            .Append("--").Append(_batchBoundary).Append("--\r\n");
        return body.ToString();
    }

    private static RequestFailedException Failure(int status, string reason, string body, StorageRequestSender sender)
    {
        var (code, detail) = body.TrimStart().StartsWith('{') ? StorageRequestSender.ReadODataError(body) : (null, null);

        // The service prefixes the message with the failing action's index ("2:The specified entity already exists").
        var index = detail is null ? null : FailedIndex().Match(detail) is { Success: true } m2 ? m2.Groups[1].Value : null;
        var text = $"Table transaction at {sender.Endpoint} failed with {status} {reason}"
            + (code is null ? "" : $" ({code})")
            + (index is null ? "" : $" at action {index}")
            + (detail is null ? "" : $": {detail.Split('\n')[0].Trim()}");
        return new RequestFailedException(status, text, code, null);
    }

    [GeneratedRegex(@"HTTP/1\.1 (?<status>\d{3})(?<reason>[^\r\n]*)\r?\n(?<headers>(?:[^\r\n]+\r?\n)*)\r?\n(?<body>(?:(?!--)[^\r\n]*\r?\n?)*)")]
    private static partial Regex InnerResponse();

    [GeneratedRegex(@"(?im)^ETag:\s*(.+?)\s*$")]
    private static partial Regex ETagHeader();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex FailedIndex();
}
