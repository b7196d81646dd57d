// What nearly every integration test uses: HTTP status codes and bodies, EF Core queries, the shared test helpers.
global using System.Net;
global using System.Text;
global using Microsoft.EntityFrameworkCore;
global using PolicyHub.Testing;
