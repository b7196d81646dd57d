using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PolicyHub.Web.Features;

/// <summary>
/// A state change of the Web app: a class named for what it does (<c>AllowApiClient</c>, <c>EditMember</c> …), next to
/// its controller, taking validated input and returning a result. It owns its transaction, its checks and its audit
/// event; controllers only read and delegate (an architecture test keeps writes out of them). Every implementation is
/// registered per request by <see cref="StateChanges.AddStateChanges"/>.
/// </summary>
public interface IStateChange;

public static class StateChanges
{
    /// <summary>Registers every <see cref="IStateChange"/> of the Web assembly as a scoped service.</summary>
    public static IServiceCollection AddStateChanges(this IServiceCollection services)
    {
        foreach (var type in typeof(IStateChange).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStateChange).IsAssignableFrom(t)))
        {
            services.TryAddScoped(type);
        }

        return services;
    }
}
