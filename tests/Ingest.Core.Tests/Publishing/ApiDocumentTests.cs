using System.Text.Json;
using Ingest.Core.Publishing;
using Microsoft.OpenApi;

namespace Ingest.Core.Tests.Publishing;

public sealed class ApiDocumentTests
{
    [Fact]
    public void The_openapi_document_reads_and_validates_without_an_error_or_warning()
    {
        var text = ApiDocument.Write(new Uri("https://ingest.example/"), ApiDocument.Version).ToJsonString();

        var read = OpenApiDocument.Parse(text, "json");

        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Empty(read.Diagnostic.Warnings);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.Equal(["/api/hits", "/api/stories"], read.Document!.Paths.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_parameter_the_api_reads_is_described_and_the_bodies_have_the_records_fields()
    {
        using var document = JsonDocument.Parse(ApiDocument.Write(new Uri("https://ingest.example/"), ApiDocument.Version).ToJsonString());
        var hits = document.RootElement.GetProperty("paths").GetProperty("/api/hits").GetProperty("get");
        var item = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("HitPage").GetProperty("properties").GetProperty("items").GetProperty("items");

        Assert.Equal(HitQuery.Parameters.Select(p => p.Name), hits.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(typeof(ApiHit).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal),
            item.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
