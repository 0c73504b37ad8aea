using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContinuityOfCare.Workflows.Definitions.Export;

/// <summary>The pieces of Elsa's JSON shape (inputs, variables) and the pathway facts carried beside them.</summary>
internal static class ElsaJson
{
    /// <summary>Indented by two spaces with "\n" line ends on every platform, so exports diff cleanly.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>An activity input holding a constant, as Elsa writes one: <c>{ typeName, expression: { type: "Literal", value } }</c>.</summary>
    public static JsonObject Literal(string typeName, string value) => Expression(typeName, "Literal", value);

    /// <summary>An activity input computed by an expression of the given type.</summary>
    public static JsonObject Expression(string typeName, string expressionType, string value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value },
    };

    /// <summary>Where Elsa keeps a variable between bursts: in the workflow instance, so it survives waiting for an event.</summary>
    public const string StorageDriver = "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core";

    /// <summary>A workflow variable as Elsa writes one (and as <c>Elsa.SetVariable</c> refers to it), with its default value if any.</summary>
    public static JsonObject Variable(ElsaVariable variable)
    {
        var node = new JsonObject
        {
            ["id"] = variable.Id,
            ["name"] = variable.Name,
            ["typeName"] = variable.TypeName,
            ["isArray"] = false,
        };
        if (variable.Default is not null)
        {
            node["value"] = variable.Default;
        }

        node["storageDriverTypeName"] = StorageDriver;
        return node;
    }

    /// <summary>
    /// The Elsa type alias a field's values are held as: each is one Elsa registers out of the box.
    /// Dates and date-times are held as their ISO 8601 text, which compares in order in JavaScript
    /// (Elsa registers no alias for <c>DateOnly</c>).
    /// </summary>
    public static string TypeName(FieldType type) => type switch
    {
        FieldType.Text or FieldType.OneOf or FieldType.Date or FieldType.DateTime => "String",
        FieldType.YesNo => "Boolean",
        FieldType.Number => "Decimal",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown field type."),
    };

    public static JsonNode Field(FieldDefinition field)
    {
        var node = new JsonObject { ["id"] = field.Id, ["type"] = Name(field.Type) };
        if (field.Label is not null)
        {
            node["label"] = field.Label;
        }

        if (!field.Options.IsDefaultOrEmpty)
        {
            node["options"] = Strings(field.Options);
        }

        return node;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);

    /// <summary>An enum member in camel case, as the definition's own JSON writes it.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static JsonObject Delay(Delay delay) => new()
    {
        ["amount"] = delay.Duration.Amount,
        ["unit"] = Name(delay.Duration.Unit),
        ["anchor"] = Anchor(delay.Anchor),
    };

    public static JsonObject Anchor(Anchor anchor)
    {
        var node = new JsonObject { ["kind"] = Name(anchor.Kind) };
        if (anchor.Name is not null)
        {
            node["name"] = anchor.Name;
        }

        return node;
    }

    /// <summary>A required action with its deadline and escalations: Elsa has no construct for these, so the state's entry activity carries them.</summary>
    public static JsonNode Action(ActionDefinition action)
    {
        var node = new JsonObject
        {
            ["id"] = action.Id,
            ["description"] = action.Description,
            ["agency"] = action.Agency,
        };
        if (action.Deadline is not null)
        {
            node["deadline"] = Deadline(action.Deadline);
        }

        if (!action.OnMissed.IsDefaultOrEmpty)
        {
            node["onMissed"] = new JsonArray([.. action.OnMissed.Select(Effect)]);
        }

        return node;
    }

    public static JsonObject Deadline(Deadline deadline) => deadline switch
    {
        WithinDeadline within => WithNextWorkingDay(
            new JsonObject
            {
                ["kind"] = "within",
                ["text"] = DeadlineText(within),
                ["amount"] = within.Duration.Amount,
                ["unit"] = Name(within.Duration.Unit),
                ["anchor"] = Anchor(within.Anchor),
            },
            within.NextWorkingDayAt),
        BeforeDeadline before => new JsonObject
        {
            ["kind"] = "before",
            ["text"] = DeadlineText(before),
            ["amount"] = before.Duration.Amount,
            ["unit"] = Name(before.Duration.Unit),
            ["field"] = before.Field,
        },
        ByDateDeadline by => new JsonObject
        {
            ["kind"] = "by",
            ["text"] = DeadlineText(by),
            ["field"] = by.Field,
        },
        _ => throw new ArgumentException($"Unknown deadline {deadline.GetType().Name}.", nameof(deadline)),
    };

    public static string DeadlineText(Deadline deadline) => PathwayWords.Deadline(deadline);

    public static string DelayText(Delay delay) => PathwayWords.Delay(delay);

    public static JsonNode Effect(Effect effect) => effect switch
    {
        NotifyEffect notify => new JsonObject
        {
            ["kind"] = "notify",
            ["agencies"] = Strings(notify.Agencies),
            ["template"] = notify.Template,
            ["withoutConsent"] = notify.WithoutConsent,
        },
        SetFieldEffect set => new JsonObject { ["kind"] = "set", ["field"] = set.Field, ["value"] = ConditionText.Write(set.Value) },
        RaiseEffect raise => new JsonObject { ["kind"] = "raise", ["event"] = raise.Event },
        _ => throw new ArgumentException($"Unknown effect {effect.GetType().Name}.", nameof(effect)),
    };

    private static JsonObject WithNextWorkingDay(JsonObject node, string? at)
    {
        if (at is not null)
        {
            node["nextWorkingDayAt"] = at;
        }

        return node;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
