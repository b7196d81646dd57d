using System.Linq.Expressions;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace PolicyHub.Identity.Features.Account;

/// <summary>The rules every new password meets in a form, before ASP.NET Core Identity checks its composition.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;

    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule, IStringLocalizer l)
        => rule.NotEmpty().WithMessage(_ => l["Enter a password."])
            .MinimumLength(MinimumLength).WithMessage(_ => l["The password must be at least {0} characters long.", MinimumLength]);

    public static IRuleBuilderOptions<T, string> SameAs<T>(this IRuleBuilder<T, string> rule, Expression<Func<T, string>> password, IStringLocalizer l)
        => rule.Equal(password).WithMessage(_ => l["The passwords do not match."]);
}
