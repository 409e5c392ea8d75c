using System.Collections.Concurrent;
using Grpc.Core;
using Ingest.Host.Rpc;

namespace Ingest.Host;

/// <summary>
/// The one event stream a worker opens to the host. Requests go out through <see cref="SendAsync"/>, one writer at a
/// time; answers are matched to their requests by function or invocation id; the worker's log lines go to
/// <see cref="Log"/>. When the stream ends, every request still waiting fails with the reason.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Its SemaphoreSlim never hands out a wait handle, so it holds nothing to release; the session ends with its stream, not by disposal.")]
public sealed class WorkerSession
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _waiting = new(StringComparer.Ordinal);
    private IServerStreamWriter<StreamingMessage>? _writer;

    /// <summary>The worker's log lines (<see cref="RpcLog"/>), as they arrive.</summary>
    public event Action<RpcLog>? Log;

    /// <summary>Completes with the worker id once the worker has opened its stream (<c>StartStream</c>).</summary>
    public Task<string> Started => _started.Task;

    /// <summary>Completes when the worker's stream has ended.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Serves the stream until the worker closes it or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        _writer = responses;
        try
        {
            while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Dispatch(requests.Current);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException)
        {
            // The worker went away or the host stops: the waiters below hear of it.
        }
        finally
        {
            _writer = null;
            foreach (var (key, waiter) in _waiting)
            {
                if (_waiting.TryRemove(key, out _))
                {
                    waiter.TrySetException(new WorkerUnavailableException("the worker closed its stream before it answered"));
                }
            }

            _started.TrySetException(new WorkerUnavailableException("the worker closed its stream before it started"));
            _ended.TrySetResult();
        }
    }

    /// <summary>Sends <paramref name="message"/> and waits for the answer filed under <paramref name="answerKey"/>.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, string answerKey, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(answerKey, answer))
        {
            throw new InvalidOperationException($"a request for {answerKey} is already waiting");
        }

        try
        {
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _waiting.TryRemove(answerKey, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = _writer ?? throw new WorkerUnavailableException("the worker has no open stream");
            await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>The key an answer is filed under: one per kind of request, or per function or invocation.</summary>
    public static string AnswerKey(StreamingMessage message) => message.ContentCase switch
    {
        StreamingMessage.ContentOneofCase.WorkerInitResponse => "init",
        StreamingMessage.ContentOneofCase.FunctionMetadataResponse => "metadata",
        StreamingMessage.ContentOneofCase.FunctionLoadResponse => "load:" + message.FunctionLoadResponse.FunctionId,
        StreamingMessage.ContentOneofCase.InvocationResponse => "invocation:" + message.InvocationResponse.InvocationId,
        _ => "",
    };

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Log?.Invoke(message.RpcLog);
                break;
            default:
                if (_waiting.TryGetValue(AnswerKey(message), out var waiter))
                {
                    waiter.TrySetResult(message);
                }

                break;
        }
    }
}

/// <summary>The worker is not there to answer: not started, exited, or its stream closed.</summary>
public sealed class WorkerUnavailableException(string message) : Exception(message);
