// The namespaces nearly every feature of the Web app uses: its controllers (MVC, authorization, localization),
// its state changes and read models (EF Core, the Web DbContext, the tenant context, the capability catalog).
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Localization;
global using PolicyHub.Core.Tenancy;
global using PolicyHub.Data.Database;
global using PolicyHub.Data.Web;
global using PolicyHub.Web.Features.Tenancy;
