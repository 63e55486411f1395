global using Microsoft.Extensions.Logging;
