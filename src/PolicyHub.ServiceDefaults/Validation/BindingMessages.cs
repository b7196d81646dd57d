using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace PolicyHub.ServiceDefaults.Validation;

/// <summary>MVC's own model binding messages (a number that is not a number …) in the request's language.</summary>
public static class BindingMessages
{
    public static void Localize(DefaultModelBindingMessageProvider provider, IStringLocalizer localizer)
    {
        provider.SetValueIsInvalidAccessor(value => localizer["The value '{0}' is not valid.", value]);
        provider.SetAttemptedValueIsInvalidAccessor((value, _) => localizer["The value '{0}' is not valid.", value]);
        provider.SetUnknownValueIsInvalidAccessor(_ => localizer["The value is not valid."]);
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["The value '{0}' is not valid.", value]);
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["The value is not valid."]);
        provider.SetValueMustNotBeNullAccessor(_ => localizer["A value is required."]);
        provider.SetMissingBindRequiredValueAccessor(_ => localizer["A value is required."]);
        provider.SetMissingKeyOrValueAccessor(() => localizer["A value is required."]);
        provider.SetMissingRequestBodyRequiredValueAccessor(() => localizer["A value is required."]);
        provider.SetValueMustBeANumberAccessor(_ => localizer["The value must be a number."]);
        provider.SetNonPropertyValueMustBeANumberAccessor(() => localizer["The value must be a number."]);
    }
}
