using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Ingest.Core.Tests.Architecture;

/// <summary>
/// Which folders of an assembly use which, read from its compiled IL: signatures, base types, fields, locals, and every
/// type, method and field a method body names. Compiled code is what runs, so a reference through <c>var</c>, a lambda
/// or a fully qualified name counts as much as a <c>using</c>. A folder is the first namespace segment after the
/// assembly's root namespace; the root namespace itself is the folder "".
/// </summary>
public sealed record FolderGraph(IReadOnlyDictionary<string, IReadOnlySet<string>> Uses, IReadOnlyDictionary<(string From, string To), string> Examples)
{
    public static FolderGraph Read(string assemblyPath, string rootNamespace)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var examples = new Dictionary<(string, string), string>();
        foreach (var type in module.GetTypes())
        {
            var from = FolderOf(type, rootNamespace);
            if (from is null)
            {
                continue;
            }

            uses.TryAdd(from, new HashSet<string>(StringComparer.Ordinal));
            foreach (var used in ReferencedTypes(type))
            {
                if (used.Resolve() is { } target && target.Module == module && FolderOf(target, rootNamespace) is { } to && to != from)
                {
                    uses[from].Add(to);
                    examples.TryAdd((from, to), $"{type.FullName} uses {target.FullName}");
                }
            }
        }

        return new FolderGraph(uses.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value), examples);
    }

    private static string? FolderOf(TypeDefinition type, string rootNamespace)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        if (type.Namespace == rootNamespace)
        {
            return "";
        }

        return type.Namespace.StartsWith(rootNamespace + ".", StringComparison.Ordinal)
            ? type.Namespace[(rootNamespace.Length + 1)..].Split('.')[0]
            : null;
    }

    private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        Add(found, type.BaseType);
        found.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        found.AddRange(type.CustomAttributes.Select(a => a.AttributeType));
        found.AddRange(type.Fields.Select(f => f.FieldType));
        found.AddRange(type.Properties.Select(p => p.PropertyType));
        foreach (var method in type.Methods)
        {
            Add(found, method.ReturnType);
            found.AddRange(method.Parameters.Select(p => p.ParameterType));
            if (!method.HasBody)
            {
                continue;
            }

            found.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                AddOperand(found, instruction);
            }
        }

        return found.SelectMany(Unwrap);
    }

    private static void AddOperand(List<TypeReference> found, Instruction instruction)
    {
        switch (instruction.Operand)
        {
            case TypeReference t:
                found.Add(t);
                break;
            case MethodReference m:
                found.Add(m.DeclaringType);
                found.Add(m.ReturnType);
                found.AddRange(m.Parameters.Select(p => p.ParameterType));
                if (m is GenericInstanceMethod generic)
                {
                    found.AddRange(generic.GenericArguments);
                }

                break;
            case FieldReference f:
                found.Add(f.DeclaringType);
                found.Add(f.FieldType);
                break;
        }
    }

    private static void Add(List<TypeReference> found, TypeReference? type)
    {
        if (type is not null)
        {
            found.Add(type);
        }
    }

    /// <summary>A type and, for arrays, pointers and generic instances, the types it is made of.</summary>
    private static IEnumerable<TypeReference> Unwrap(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var inner in generic.GenericArguments.SelectMany(Unwrap))
                {
                    yield return inner;
                }

                break;
            case TypeSpecification specification:
                foreach (var inner in Unwrap(specification.ElementType))
                {
                    yield return inner;
                }

                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
