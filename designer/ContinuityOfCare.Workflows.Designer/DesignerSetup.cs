using ContinuityOfCare.Workflows.Designer.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContinuityOfCare.Workflows.Designer;

/// <summary>
/// Adds the designer's pages and assets to a host that already has sign-in, the runtime, the
/// publisher and the reports (the pages use the host's services, so the API and the pages answer
/// from the same ones).
/// </summary>
public static class DesignerSetup
{
    public static IServiceCollection AddDesignerPages(this IServiceCollection services, Action<DesignerOptions> configure)
    {
        services.Configure(configure);
        var options = new DesignerOptions();
        configure(options);
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Pages";
            pages.Conventions.AuthorizeFolder("/", options.ReadPolicy);
            pages.Conventions.AuthorizePage("/Pathways/Edit", options.AuthorPolicy);
            pages.Conventions.AuthorizePage("/Pathways/Migrate", options.AuthorPolicy);
            pages.Conventions.AuthorizePage("/Pathways/Retract", options.AuthorPolicy);
            pages.Conventions.AuthorizePage("/Cases/New", options.CaseworkPolicy);
        });
        services.AddSingleton<CaseClock>();
        return services;
    }

    /// <summary>The folder beside the host's assemblies that the build and publish copy the designer's assets into.</summary>
    public const string AssetsFolderName = "designer-assets";

    /// <summary>
    /// Serves the built assets at <c>/assets</c> (the GOV.UK stylesheets look for their fonts and
    /// images there), from the host's own folder (<see cref="AssetsFolderName"/>, beside its
    /// assemblies) unless <see cref="DesignerOptions.AssetsFolder"/> names another. Without them
    /// the pages still work, unstyled, so the server never depends on npm.
    /// </summary>
    public static WebApplication UseDesignerAssets(this WebApplication app)
    {
        var folder = app.Services.GetRequiredService<IOptions<DesignerOptions>>().Value.AssetsFolder
            ?? Path.Combine(AppContext.BaseDirectory, AssetsFolderName);
        if (Directory.Exists(Path.Combine(folder, "assets")))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(folder)) });
        }
        else
        {
            app.Logger.LogWarning("The designer's assets are not built ({Folder}): pages are served without styles or scripts. Run build/frontend, then build the server again.", folder);
        }

        return app;
    }

    public static IEndpointRouteBuilder MapDesigner(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }
}
