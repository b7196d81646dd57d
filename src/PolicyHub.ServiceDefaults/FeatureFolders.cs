using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyHub.ServiceDefaults;

/// <summary>
/// Views live beside their controller: Features/&lt;Feature&gt;/&lt;View&gt;.cshtml, where the feature is the namespace
/// segment after "Features" (so one feature folder can hold several controllers), then Features/Shared.
/// </summary>
public sealed class FeatureFolders : IViewLocationExpander
{
    private const string Key = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        var ns = (context.ActionContext.ActionDescriptor as ControllerActionDescriptor)?.ControllerTypeInfo.Namespace ?? string.Empty;
        var marker = ns.IndexOf(".Features.", StringComparison.Ordinal);
        context.Values[Key] = marker < 0 ? context.ControllerName : ns[(marker + ".Features.".Length)..].Split('.')[0];
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        context.Values.TryGetValue(Key, out var feature);
        return [$"/Features/{feature}/{{0}}{RazorViewEngine.ViewExtension}", $"/Features/Shared/{{0}}{RazorViewEngine.ViewExtension}"];
    }

    public static void Use(RazorViewEngineOptions options)
    {
        // The defaults (Views/...) give way to the feature folders; the expander puts the feature name in.
        options.ViewLocationFormats.Clear();
        options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
        options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
        options.ViewLocationExpanders.Add(new FeatureFolders());
    }
}
