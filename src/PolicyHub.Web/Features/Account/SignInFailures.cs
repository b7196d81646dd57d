using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace PolicyHub.Web.Features.Account;

/// <summary>
/// What happens when the way back from the auth service fails. One case is healed without bothering the person:
/// the auth service came back with new signing keys (a restart with development keys, a key rollover) while
/// PolicyHub still held the old key set. The handler has already asked for the new set; the person is sent round
/// the sign-in once more (they are still signed in there, so it is only redirects). Anything else, or a second
/// failure, shows the sign-in error page.
/// </summary>
public static class SignInFailures
{
    public const string RetryItem = "policyhub.signin-retry";

    public static Task HandleAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInFailures));
        var retried = context.Properties?.Items.ContainsKey(RetryItem) == true;
        if (!retried && IsUnknownSigningKey(context.Failure))
        {
            var returnUrl = context.Properties?.RedirectUri ?? "/";
            logger.LogInformation("The auth service signed with a key not yet known here; signing in once more with its new keys.");
            context.Response.Redirect($"/account/signin?again=true&returnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }

        logger.LogWarning(context.Failure, "Sign-in through the auth service failed.");
        context.Response.Redirect("/Error/signin");
        return Task.CompletedTask;
    }

    private static bool IsUnknownSigningKey(Exception? failure)
    {
        for (var exception = failure; exception is not null; exception = exception.InnerException)
        {
            if (exception is SecurityTokenSignatureKeyNotFoundException)
            {
                return true;
            }
        }

        return false;
    }
}
