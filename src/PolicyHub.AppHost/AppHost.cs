using System.Security.Cryptography;
using PolicyHub.Demo;

// The embedded run: both services on fixed localhost ports, SQLite files under one data folder,
// demo accounts, and a client secret made fresh for each run (so none is stored anywhere).
var builder = DistributedApplication.CreateBuilder(args);

// "DataDirectory=<folder>" on the command line moves the data (the AppHost test uses a fresh folder).
var dataDirectory = builder.Configuration["DataDirectory"] ?? Path.Combine(builder.AppHostDirectory, ".data");
var clientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
const string WebUrl = "http://localhost:5180";
const string IdentityUrl = "http://localhost:5181";

var identity = builder.AddProject<Projects.PolicyHub_Identity>("identity")
    .WithEndpoint("http", e => e.IsProxied = false)
    .WithEnvironment("Database__DataDirectory", dataDirectory)
    .WithEnvironment("AuthServer__Clients__0__ClientSecret", clientSecret)
    .WithEnvironment("AuthServer__ApplicationUrl", WebUrl)
    .WithEnvironment("PublicUrl", IdentityUrl)
    .WithHttpHealthCheck("/health/ready");

builder.AddProject<Projects.PolicyHub_Web>("web")
    .WithEndpoint("http", e => e.IsProxied = false)
    .WithEnvironment("Database__DataDirectory", dataDirectory)
    .WithEnvironment("Oidc__Authority", IdentityUrl)
    .WithEnvironment("PublicUrl", WebUrl)
    .WithEnvironment("Oidc__ClientSecret", clientSecret)
    .WithHttpHealthCheck("/health/ready")
    .WaitFor(identity);

Console.WriteLine($"""

    PolicyHub is starting.
      Open          {WebUrl}
      Auth service  {IdentityUrl}   (mailbox of the embedded run: {IdentityUrl}/dev/mail)
      Data folder   {dataDirectory}
      Demo sign-ins (password {DemoPeople.Password}):
    {string.Join(Environment.NewLine, DemoPeople.All.Take(5).Select(p => $"        {p.Email,-36} {p.Role}"))}
        … and {DemoPeople.All.Count - 5} more employees (see README).

    """);

await builder.Build().RunAsync();
