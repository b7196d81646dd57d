namespace PolicyHub.Web;

/// <summary>Marker for the Web app's strings: Resources/SharedResource.resx (English) and .de.resx (German).</summary>
public sealed class SharedResource;
