using System.Linq.Expressions;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace PolicyHub.Identity.Features.Account;

/// <summary>The rules every new password meets in a form, before ASP.NET Core Identity checks its composition.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;

    /// <summary>Long enough for any passphrase; beyond it hashing and the strength estimate would be someone's denial of service.</summary>
    public const int MaximumLength = 128;

    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule, IStringLocalizer l)
        => rule.NotEmpty().WithMessage(_ => l["Enter a password."])
            .MinimumLength(MinimumLength).WithMessage(_ => l["The password must be at least {0} characters long.", MinimumLength])
            .MaximumLength(MaximumLength).WithMessage(_ => l["The password can be at most {0} characters long.", MaximumLength]);

    public static IRuleBuilderOptions<T, string> SameAs<T>(this IRuleBuilder<T, string> rule, Expression<Func<T, string>> password, IStringLocalizer l)
        => rule.Equal(password).WithMessage(_ => l["The passwords do not match."]);
}
