using System.Net;
using System.Net.Sockets;

namespace PolicyHub.Testing;

public static class FreePort
{
    /// <summary>A loopback port that was free a moment ago (each app needs the other's URL before either starts).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
