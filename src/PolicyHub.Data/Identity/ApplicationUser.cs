using Microsoft.AspNetCore.Identity;

namespace PolicyHub.Data.Identity;

/// <summary>A person's account at the auth service. The auth service knows people, not policies.</summary>
public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
}
