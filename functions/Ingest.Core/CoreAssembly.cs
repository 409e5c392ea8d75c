namespace Ingest.Core;

/// <summary>A handle on this assembly for code that needs to find it (resources, dependency checks).</summary>
public static class CoreAssembly
{
    public static System.Reflection.Assembly Assembly => typeof(CoreAssembly).Assembly;
}
