using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlConnector.Cli.Operator;

/// <summary>Renders JSON answers for people: tables of arrays of objects, trees of objects.</summary>
internal static class JsonView
{
    public static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Scalar(value) : string.Empty;

    public static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
        _ => value.GetRawText(),
    };

    /// <summary>A table with the given columns of an array of objects.</summary>
    public static Table Table(JsonElement array, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        foreach (var row in array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            table.AddRow(columns.Select(c => (IRenderable)new Text(Text(row, c))).ToArray());
        }

        return table;
    }

    /// <summary>A tree of any JSON value.</summary>
    public static Tree Tree(string label, JsonElement element)
    {
        var tree = new Tree(Markup.Escape(label));
        Add(tree, element);
        return tree;
    }

    private static void Add(IHasTreeNodes parent, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Add(parent.AddNode(Markup.Escape(property.Name)), property.Value);
                    }
                    else
                    {
                        parent.AddNode($"{Markup.Escape(property.Name)}: [bold]{Markup.Escape(Scalar(property.Value))}[/]");
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Add(parent.AddNode($"[[{index}]]"), item);
                    }
                    else
                    {
                        parent.AddNode(Markup.Escape(Scalar(item)));
                    }

                    index++;
                }

                break;
            default:
                parent.AddNode(Markup.Escape(Scalar(element)));
                break;
        }
    }
}
