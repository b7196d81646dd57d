namespace PolicyHub.Identity;

/// <summary>Marker for the auth service's strings: Resources/SharedResource.resx (English) and .de.resx (German).</summary>
public sealed class SharedResource;
