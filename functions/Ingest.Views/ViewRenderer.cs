using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ingest.Views;

/// <summary>
/// Renders a component to an HTML string, outside any browser circuit. A renderer per call: a long-lived one would
/// keep every component it ever rendered.
/// </summary>
public sealed class ViewRenderer(ILoggerFactory loggerFactory)
{
    /// <summary>
    /// The components' only service: an encoder that still escapes markup and quotes but leaves Cyrillic and accented
    /// letters as they are (the default one writes each as a character reference, four times the bytes).
    /// </summary>
    private readonly IServiceProvider _services = new ServiceCollection()
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .BuildServiceProvider();

    /// <summary>Renders <typeparamref name="TComponent"/> with its one parameter, <c>Model</c>.</summary>
    public Task<string> RenderAsync<TComponent>(object model) where TComponent : IComponent =>
        RenderAsync<TComponent>(new Dictionary<string, object?> { ["Model"] = model });

    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(_services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return root.ToHtmlString();
        });
    }
}
