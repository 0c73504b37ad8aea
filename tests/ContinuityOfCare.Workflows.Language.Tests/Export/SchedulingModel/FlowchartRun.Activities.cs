using System.Dynamic;
using System.Globalization;
using System.Text.Json;

namespace ContinuityOfCare.Workflows.Language.Tests.Export.SchedulingModel;

/// <summary>What each Elsa activity does when the modelled flowchart runs it, and the JavaScript it evaluates.</summary>
public sealed partial class FlowchartRun
{
    // ---- What each activity does ---------------------------------------------------------------

    private void Execute(string activity, bool backward)
    {
        var type = _graph.TypeOf(activity);
        if (!StockTypes.Contains(type) && !PassThroughUnknown)
        {
            Faulted($"Activity type {type} is not found.");
            return;
        }

        try
        {
            switch (type)
            {
                case "Elsa.FlowDecision":
                    var holds = Input(activity, "condition") is true;
                    Completed(activity, [holds ? "True" : "False"], backward);
                    break;
                case "Elsa.FlowJoin":
                    CancelAncestors(activity);
                    Completed(activity, ["Done"], backward);
                    break;
                case "Elsa.SetVariable":
                    var variable = _graph.Activities[activity].GetProperty("variable").GetProperty("name").GetString()!;
                    _variables[variable] = Input(activity, "value");
                    Completed(activity, ["Done"], backward);
                    break;
                case "Elsa.RunJavaScript":
                    _scripts.Evaluate(this, InputText(activity, "script")!);
                    Completed(activity, ["Done"], backward);
                    break;
                case "Elsa.Event":
                    _bookmarks.Add(new Bookmark(activity, (string)Input(activity, "eventName")!, null));
                    break;
                case "Elsa.StartAt":
                    var at = DateTimeOffset.Parse((string)Input(activity, "dateTime")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    if (at <= Now)
                    {
                        Completed(activity, ["Done"], backward);
                    }
                    else
                    {
                        _bookmarks.Add(new Bookmark(activity, null, at));
                    }

                    break;
                case "Elsa.Delay":
                    _bookmarks.Add(new Bookmark(activity, null, Now + TimeSpan.Parse(InputText(activity, "timeSpan")!, CultureInfo.InvariantCulture)));
                    break;
                case "Elsa.PublishEvent":
                    Publish(activity);
                    Completed(activity, ["Done"], backward);
                    break;
                default:
                    Completed(activity, ["Done"], backward);
                    break;
            }
        }
        catch (Jint.Runtime.JavaScriptException e)
        {
            Faulted($"{activity}: {e.Message}");
        }
    }

    private void Publish(string activity)
    {
        var name = (string)Input(activity, "eventName")!;
        var payload = Input(activity, "payload");
        if (Input(activity, "isLocalEvent") is true)
        {
            _localEvents.Enqueue((name, payload));
            return;
        }

        // Not local: it goes to every workflow, this one included.
        _published.Add(new PublishedEvent(name, payload as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>()));
        _localEvents.Enqueue((name, payload));
    }

    /// <summary>An input's value: a Literal converted to its type, a JavaScript expression evaluated, anything else null (Elsa has no evaluator for it).</summary>
    private object? Input(string activity, string name)
    {
        if (!_graph.Activities[activity].TryGetProperty(name, out var input) || input.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var expression = input.GetProperty("expression");
        var type = expression.GetProperty("type").GetString();
        var value = expression.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return type switch
        {
            "Literal" => Typed(input.GetProperty("typeName").GetString()!, value),
            "JavaScript" => _scripts.Evaluate(this, value ?? ""),
            _ => null,
        };
    }

    private string? InputText(string activity, string name) =>
        _graph.Activities[activity].TryGetProperty(name, out var input) && input.ValueKind == JsonValueKind.Object
            ? input.GetProperty("expression").GetProperty("value").GetString()
            : null;

    private static object? Typed(string typeName, string? text) => text is null ? null : typeName switch
    {
        "Boolean" => bool.Parse(text),
        "Decimal" or "Double" or "Int32" => double.Parse(text, CultureInfo.InvariantCulture),
        _ => text,
    };

    private void Faulted(string reason)
    {
        Status = RunStatus.Faulted;
        Fault ??= reason;
    }

    private static ExpandoObject? ToExpando(IReadOnlyDictionary<string, object?>? values)
    {
        if (values is null)
        {
            return null;
        }

        var expando = new ExpandoObject();
        foreach (var (key, value) in values)
        {
            ((IDictionary<string, object?>)expando)[key] = value;
        }

        return expando;
    }

    internal object? LastResult => _lastResult;

    /// <summary>Sets a variable as a host would between bursts.</summary>
    public void SetVariable(string name, object? value) => _variables[name] = value;

    /// <summary>
    /// Jint set up as Elsa sets it up: a new engine for every evaluation, <c>return</c> allowed at the
    /// top of a script, and Elsa's variable functions (plus any the host registers).
    /// </summary>
    private sealed class ScriptHost(IReadOnlyDictionary<string, Delegate>? hostFunctions)
    {
        private readonly Dictionary<string, Jint.Prepared<Acornima.Ast.Script>> _prepared = new(StringComparer.Ordinal);

        public object? Evaluate(FlowchartRun run, string script)
        {
            // JavaScript's clock is the run's, so that "now" in a script is the modelled instant.
            var engine = new Jint.Engine(options => options.TimeSystem = new RunTime(run));
            engine.SetValue("getVariable", (Func<string, object?>)(name => run._variables.GetValueOrDefault(name)));
            engine.SetValue("setVariable", (Action<string, object?>)((name, value) => run.SetVariable(name, Plain(value))));
            engine.SetValue("getLastResult", (Func<object?>)(() => run.LastResult));
            foreach (var (name, function) in hostFunctions ?? new Dictionary<string, Delegate>())
            {
                engine.SetValue(name, function);
            }

            return Plain(engine.Evaluate(Prepare(script)).ToObject());
        }

        private Jint.Prepared<Acornima.Ast.Script> Prepare(string script)
        {
            if (!_prepared.TryGetValue(script, out var prepared))
            {
                _prepared[script] = prepared = Jint.Engine.PrepareScript(script, options: new Jint.ScriptPreparationOptions
                {
                    ParsingOptions = new Jint.ScriptParsingOptions { AllowReturnOutsideFunction = true },
                });
            }

            return prepared;
        }

        private sealed class RunTime(FlowchartRun run) : Jint.Runtime.DefaultTimeSystem(TimeZoneInfo.Utc, CultureInfo.InvariantCulture)
        {
            public override DateTimeOffset GetUtcNow() => run.Now;
        }

        private static object? Plain(object? value) => value switch
        {
            Jint.Native.JsValue js => Plain(js.ToObject()),
            IDictionary<string, object?> dictionary => dictionary.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
            object[] array => array.Select(Plain).ToArray(),
            _ => value,
        };
    }
}
