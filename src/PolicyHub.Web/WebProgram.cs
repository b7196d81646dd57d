namespace PolicyHub.Web;

/// <summary>Marker for WebApplicationFactory: two apps share the test projects, so Program would be ambiguous.</summary>
public sealed class WebProgram;
