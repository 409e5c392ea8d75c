using Grpc.Core;
using Ingest.Host.Rpc;

namespace Ingest.Host;

/// <summary>The gRPC endpoint the worker calls: its one event stream is served by the host's current <see cref="WorkerSession"/>.</summary>
internal sealed class FunctionRpcService(WorkerSessions sessions) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        sessions.Current.RunAsync(requestStream, responseStream, context.CancellationToken);
}

/// <summary>The session the next worker stream belongs to; a restarted worker gets a new one.</summary>
internal sealed class WorkerSessions
{
    public WorkerSession Current { get; set; } = new();
}
